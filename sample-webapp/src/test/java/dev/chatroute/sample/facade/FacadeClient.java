package dev.chatroute.sample.facade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.sample.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls the facade byte for byte ({@link RawHttp}) and reads its answers as an OpenAI SDK would see them. */
final class FacadeClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final RawHttp http;
    private final String prefix;
    private final List<RawHttp.Response> seen = new ArrayList<>();

    FacadeClient(int port, String prefix) {
        this.http = new RawHttp(port);
        this.prefix = prefix;
    }

    /** @param headers name, value, name, value... */
    RawHttp.Response post(String path, String json, String... headers) {
        List<Map.Entry<String, String>> lines = lines(headers);
        lines.add(Map.entry("Content-Type", "application/json"));
        return keep(http.send("POST", prefix + path, lines, json.getBytes(StandardCharsets.UTF_8)));
    }

    RawHttp.Response get(String path, String... headers) {
        return keep(http.send("GET", prefix + path, lines(headers), new byte[0]));
    }

    private static List<Map.Entry<String, String>> lines(String... headers) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            lines.add(Map.entry(headers[i], headers[i + 1]));
        }
        return lines;
    }

    private RawHttp.Response keep(RawHttp.Response response) {
        synchronized (seen) {
            seen.add(response);
        }
        return response;
    }

    List<RawHttp.Response> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /**
     * The {@code data:} payloads of an event stream, in order; fails on a named event, since OpenAI's
     * streams have none (comments, such as keepalives, are skipped).
     */
    static List<String> data(String stream) {
        List<String> out = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    throw new AssertionError("a named event in an OpenAI stream: " + block);
                }
                if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
            if (!data.isEmpty()) {
                out.add(data.toString());
            }
        }
        return out;
    }
}
