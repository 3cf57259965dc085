package dev.chatroute.internal.pii;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;

/**
 * One call's redaction: replaces each finding with a placeholder numbered per type in order of first
 * appearance, the same value (in its normal form) getting the same placeholder in every message of
 * the call. Numbers already written in the messages as placeholders (an earlier answer with
 * {@code [EMAIL_1]} in it, sent back as history) are skipped, so that one placeholder never stands
 * for two values. Used by one thread.
 */
final class Redactor {

    private final Scanner scanner;
    private final Map<String, String> placeholderByValue = new HashMap<>(); // "EMAIL:bob@x.com" -> "[EMAIL_1]"
    private final Map<String, String> originals = new LinkedHashMap<>(); // "[EMAIL_1]" -> "Bob@x.com"
    private final Map<PiiType, Integer> found = new EnumMap<>(PiiType.class);
    private final Map<PiiType, Integer> lastNumber = new EnumMap<>(PiiType.class);
    private final Set<String> taken = new HashSet<>();

    Redactor(Scanner scanner, List<String> texts) {
        this.scanner = scanner;
        for (String text : texts) {
            Matcher m = Placeholders.matcher(text);
            while (m.find()) {
                taken.add(m.group());
            }
        }
    }

    /** {@code text} with every finding replaced; the findings are remembered for the call. */
    String redact(String text) {
        List<Finding> findings = scanner.scan(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            out.append(text, at, f.start()).append(placeholder(f, text.substring(f.start(), f.end())));
            at = f.end();
            found.merge(f.type(), 1, Integer::sum);
        }
        return out.append(text, at, text.length()).toString();
    }

    private String placeholder(Finding f, String original) {
        return placeholderByValue.computeIfAbsent(f.type() + ":" + f.key(), value -> {
            String placeholder;
            do {
                int number = lastNumber.merge(f.type(), 1, Integer::sum);
                placeholder = Placeholders.of(f.type(), number);
            } while (taken.contains(placeholder));
            originals.put(placeholder, original);
            return placeholder;
        });
    }

    /** Placeholder to the value it stands for, as first written. */
    Map<String, String> originals() {
        return originals;
    }

    /** How many findings of each type, by {@link PiiType#configName()}. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        found.forEach((type, n) -> counts.put(type.configName(), n));
        return counts;
    }
}
