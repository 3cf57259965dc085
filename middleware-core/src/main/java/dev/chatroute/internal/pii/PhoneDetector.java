package dev.chatroute.internal.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import dev.chatroute.internal.config.ConfigReader;
import java.util.List;

/**
 * Phone numbers, found by libphonenumber (Google's, as Android uses): numbers in international
 * format ({@code +44 20 7946 0958}) always, and national ones ({@code (415) 555-0132}) for the
 * configured regions, each a number libphonenumber knows to be valid for its region. The same number
 * written two ways is one value: its E.164 form.
 */
final class PhoneDetector implements Detector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** libphonenumber's region for "no national format": it then finds only numbers with a {@code +}. */
    private static final String INTERNATIONAL_ONLY = "ZZ";

    /** Fewer digits than any number libphonenumber calls valid (short codes such as 112 are not numbers to it). */
    private static final int MIN_DIGITS = 3;

    private final List<String> regions;

    PhoneDetector(List<String> regions) {
        for (String region : regions) {
            if (!PHONES.getSupportedRegions().contains(region)) {
                throw ConfigReader.bad(PiiSettings.PREFIX + "phone-regions", String.join(",", regions),
                        "names '" + region + "', which is not a region libphonenumber knows");
            }
        }
        this.regions = regions.isEmpty() ? List.of(INTERNATIONAL_ONLY) : List.copyOf(regions);
    }

    @Override
    public void find(String text, List<Finding> into) {
        if (!hasDigits(text, MIN_DIGITS)) {
            return; // most of libphonenumber's cost is spent on text that could hold no number at all
        }
        for (String region : regions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID,
                    Long.MAX_VALUE)) {
                into.add(new Finding(PiiType.PHONE, match.start(), match.end(),
                        PHONES.format(match.number(), PhoneNumberFormat.E164)));
            }
        }
    }

    private static boolean hasDigits(String text, int wanted) {
        int seen = 0;
        for (int i = 0; i < text.length() && seen < wanted; i++) {
            seen += Character.isDigit(text.charAt(i)) ? 1 : 0; // libphonenumber reads every script's digits
        }
        return seen >= wanted;
    }
}
