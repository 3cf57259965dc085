package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A list header's elements (RFC 9110 §5.3): every line of it, in order, split at commas, trimmed,
 * empty elements dropped. A proxy may add its own line instead of appending to the first, so
 * reading only the first line would believe whatever the client sent there.
 */
public final class HeaderLines {

    private HeaderLines() {
    }

    public static List<String> elements(HttpCall call, String name) {
        List<String> elements = new ArrayList<>();
        for (String line : call.headers(name)) {
            for (String element : line.split(",")) {
                String trimmed = element.trim();
                if (!trimmed.isEmpty()) {
                    elements.add(trimmed);
                }
            }
        }
        return elements;
    }
}
