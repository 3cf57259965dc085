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
        for (String region : regions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID,
                    Long.MAX_VALUE)) {
                into.add(new Finding(PiiType.PHONE, match.start(), match.end(),
                        PHONES.format(match.number(), PhoneNumberFormat.E164)));
            }
        }
    }
}
