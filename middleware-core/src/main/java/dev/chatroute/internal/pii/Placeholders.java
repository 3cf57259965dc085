package dev.chatroute.internal.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shape of a placeholder, {@code [EMAIL_1]}: a type's label and a number, in brackets. */
final class Placeholders {

    /** Any placeholder-shaped text; group 1 is the label, group 2 the number. */
    static final Pattern SHAPE = Pattern.compile("\\[(EMAIL|PHONE|CARD|IBAN|SECRET|IP|SSN)_(\\d{1,9})\\]");

    private Placeholders() {
    }

    static String of(PiiType type, int number) {
        return "[" + type.label() + "_" + number + "]";
    }

    static Matcher matcher(CharSequence text) {
        return SHAPE.matcher(text);
    }
}
