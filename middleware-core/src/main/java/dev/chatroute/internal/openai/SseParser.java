package dev.chatroute.internal.openai;

import java.util.function.BiConsumer;

/**
 * Parses a server-sent event stream line by line, as the WHATWG event-stream rules say: fields
 * {@code event} and {@code data}, several {@code data} lines joined by a newline, comments
 * ignored, an event dispatched at a blank line. Lines arrive without their terminators. An event
 * whose data lines add up to more than {@code maxEventBytes} is not kept: {@code tooLong} runs once
 * and nothing more is dispatched.
 */
final class SseParser {

    private final BiConsumer<String, String> onEvent;
    private final Runnable tooLong;
    private final long maxEventBytes;
    private final StringBuilder data = new StringBuilder();
    private String event = "";
    private boolean hasData;
    private long dataBytes;
    private boolean overflowed;

    /** {@code onEvent} receives the event name ("" when none) and its data. */
    SseParser(BiConsumer<String, String> onEvent) {
        this(onEvent, Long.MAX_VALUE, () -> { });
    }

    SseParser(BiConsumer<String, String> onEvent, long maxEventBytes, Runnable tooLong) {
        this.onEvent = onEvent;
        this.maxEventBytes = maxEventBytes;
        this.tooLong = tooLong;
    }

    void line(String line) {
        line(line, line.length());
    }

    /** @param bytes the line's length in bytes, which the event's size is counted in */
    void line(String line, int bytes) {
        if (overflowed) {
            return;
        }
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
                dataBytes += bytes - (line.length() - value.length()) + (hasData ? 1 : 0);
                if (dataBytes > maxEventBytes) {
                    overflowed = true;
                    data.setLength(0);
                    tooLong.run();
                    return;
                }
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
        if (!overflowed) {
            dispatch();
        }
    }

    private void dispatch() {
        if (hasData) {
            String name = event;
            String payload = data.toString();
            data.setLength(0);
            hasData = false;
            dataBytes = 0;
            event = "";
            onEvent.accept(name, payload);
        } else {
            event = "";
        }
    }
}
