package dev.chatroute.internal.openai;

import java.util.function.BiConsumer;

/**
 * Parses a server-sent event stream line by line, as the WHATWG event-stream rules say: fields
 * {@code event} and {@code data}, several {@code data} lines joined by a newline, comments
 * ignored, an event dispatched at a blank line. Lines arrive without their terminators.
 */
final class SseParser {

    private final BiConsumer<String, String> onEvent;
    private final StringBuilder data = new StringBuilder();
    private String event = "";
    private boolean hasData;

    /** {@code onEvent} receives the event name ("" when none) and its data. */
    SseParser(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> event = value;
            default -> { } // id and retry mean nothing for a one-shot completion stream
        }
    }

    /** The stream ended: an event not yet closed by a blank line is still delivered. */
    void end() {
        dispatch();
    }

    private void dispatch() {
        if (hasData) {
            String name = event;
            String payload = data.toString();
            data.setLength(0);
            hasData = false;
            event = "";
            onEvent.accept(name, payload);
        } else {
            event = "";
        }
    }
}
