package dev.chatroute.internal.pii;

import java.util.EnumSet;
import java.util.List;

/** What the scanner finds in a text, as {@code "TYPE value as written"} strings, for assertions. */
final class Scans {

    static final Scanner ALL = new Scanner(EnumSet.allOf(PiiType.class), List.of("US"));

    private Scans() {
    }

    static List<String> found(String text) {
        return found(ALL, text);
    }

    static List<String> found(Scanner scanner, String text) {
        return scanner.scan(text).stream().map(f -> f.type() + " " + text.substring(f.start(), f.end())).toList();
    }

    static List<String> keys(String text) {
        return ALL.scan(text).stream().map(f -> f.type() + " " + f.key()).toList();
    }
}
