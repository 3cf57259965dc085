package dev.chatroute.internal.pii;

import java.util.Locale;

/**
 * The kinds of personal data and secrets Chatroute can find; the order is the order of precedence
 * when two findings overlap (a secret or an email wins over the phone number inside it).
 */
public enum PiiType {
    SECRET, EMAIL, IBAN, CARD, SSN, IP, PHONE;

    /** The name in {@code chatroute.pii.types} and in usage records: {@code email}, {@code phone}... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The placeholder label: {@code [EMAIL_1]}. */
    String label() {
        return name();
    }

    /** The library a detector of this type needs, or null when it needs none. */
    String library() {
        return switch (this) {
            case PHONE -> "com.googlecode.libphonenumber:libphonenumber";
            case EMAIL, IBAN, CARD, IP -> "commons-validator:commons-validator";
            case SECRET, SSN -> null;
        };
    }

    /** A class of that library, to check that it is on the class path. */
    String libraryClass() {
        return switch (this) {
            case PHONE -> "com.google.i18n.phonenumbers.PhoneNumberUtil";
            case EMAIL, IBAN, CARD, IP -> "org.apache.commons.validator.routines.EmailValidator";
            case SECRET, SSN -> null;
        };
    }

    static PiiType fromConfig(String name) {
        for (PiiType type : values()) {
            if (type.configName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
