package dev.chatroute.internal.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 7239 {@code Forwarded}: elements separated by commas (over all its lines, in order), each of
 * {@code name=value} pairs separated by semicolons, a value a token or a quoted string
 * ({@code for="[2001:db8::17]:4711";proto=https;host=app.example}). Parameter names are lower-cased.
 * An element that does not parse comes back empty, which stops whoever walks the chain there.
 */
final class ForwardedHeader {

    private ForwardedHeader() {
    }

    static List<Map<String, String>> elements(List<String> lines) {
        List<Map<String, String>> elements = new ArrayList<>();
        for (String line : lines) {
            for (String element : splitOutsideQuotes(line, ',')) {
                if (!element.isBlank()) {
                    elements.add(pairs(element));
                }
            }
        }
        return elements;
    }

    private static Map<String, String> pairs(String element) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : splitOutsideQuotes(element, ';')) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return Map.of();
            }
            String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(pair.substring(eq + 1).trim());
            if (value == null || pairs.putIfAbsent(name, value) != null) {
                return Map.of(); // a bad value, or a parameter given twice: believe none of it
            }
        }
        return pairs;
    }

    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value.isEmpty() || value.indexOf('"') >= 0 ? null : value;
        }
        if (value.length() < 2 || !value.endsWith("\"")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            } else if (c == '"' || c == '\\') {
                return null;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}
