package dev.chatroute.servlet.internal;

import java.nio.charset.StandardCharsets;

/** SSE wire format: CR and LF stripped from names, one {@code data:} line per payload line, a blank line after each. */
final class SseFormat {

    private SseFormat() {
    }

    /** @param event null for a {@code data:}-only event, as OpenAI's streams are */
    static byte[] event(String event, String data) {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (event != null) {
            out.append("event: ").append(oneLine(event)).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] comment(String text) {
        return (": " + oneLine(text) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String oneLine(String text) {
        return text.replace("\r", "").replace("\n", "");
    }
}
