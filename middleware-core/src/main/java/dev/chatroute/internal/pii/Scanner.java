package dev.chatroute.internal.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the configured detectors over a text and keeps findings that do not overlap: where two do,
 * the type that comes first in {@link PiiType} wins (the email, not the phone number inside it),
 * then the longer one. Built once at start-up; a detector's class, and so its library, is loaded
 * only when its type is configured.
 */
final class Scanner {

    private static final Comparator<Finding> PRECEDENCE = Comparator.comparing(Finding::type)
            .thenComparing(f -> f.start() - f.end()).thenComparingInt(Finding::start);

    private final List<Detector> detectors = new ArrayList<>();

    Scanner(Set<PiiType> types, List<String> phoneRegions) {
        for (PiiType type : types) {
            detectors.add(switch (type) {
                case SECRET -> new SecretDetector();
                case EMAIL -> new EmailDetector();
                case IBAN -> new IbanDetector();
                case CARD -> new CardDetector();
                case SSN -> new SsnDetector();
                case IP -> new IpDetector();
                case PHONE -> new PhoneDetector(phoneRegions);
            });
        }
    }

    /** The findings in {@code text}, in order, none overlapping another. */
    List<Finding> scan(String text) {
        List<Finding> all = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.find(text, all);
        }
        if (all.size() < 2) {
            return all;
        }
        all.sort(PRECEDENCE);
        TreeMap<Integer, Finding> kept = new TreeMap<>(); // by start; none overlaps another
        for (Finding f : all) {
            Map.Entry<Integer, Finding> before = kept.floorEntry(f.start());
            Map.Entry<Integer, Finding> after = kept.ceilingEntry(f.start());
            boolean clashes = (before != null && before.getValue().overlaps(f))
                    || (after != null && after.getValue().overlaps(f));
            if (!clashes) {
                kept.put(f.start(), f);
            }
        }
        return new ArrayList<>(kept.values());
    }
}
