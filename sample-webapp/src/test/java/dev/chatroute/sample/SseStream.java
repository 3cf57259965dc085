package dev.chatroute.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads server-sent events from a response body, as a browser's parser would. */
public final class SseStream implements AutoCloseable {

    /** One event; {@code name} is "message" when the event had no name. */
    public record Event(String name, String data) {
    }

    private final BufferedReader reader;
    private final List<String> comments = new ArrayList<>();

    public SseStream(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        String name = "message";
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = "message";
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }

    /** Every remaining event, until the server ends the stream. */
    public List<Event> rest() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
        }
        return events;
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
