package dev.chatroute.sample.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.sample.SseStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls the chat route the way an outside client does, and keeps every byte it saw for leak checks. */
final class ContractClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A finished call: status, headers, and either a JSON body or the stream's events. */
    record Answer(int status, Map<String, List<String>> headers, String body, List<SseStream.Event> events) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        JsonNode error() {
            return json().path("error");
        }

        List<String> eventNames() {
            return events.stream().map(SseStream.Event::name).toList();
        }

        String streamedText() {
            StringBuilder text = new StringBuilder();
            for (SseStream.Event e : events) {
                if (e.name().equals("delta")) {
                    text.append(parse(e.data()).path("text").asText());
                }
            }
            return text.toString();
        }

        JsonNode event(String name) {
            return events.stream().filter(e -> e.name().equals(name)).findFirst()
                    .map(e -> parse(e.data())).orElseThrow(() -> new AssertionError("no " + name + " event in "
                            + eventNames()));
        }

        /** Everything the client received, for checking that no secret leaked. */
        String everything() {
            return headers + "\n" + body + "\n" + events;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI route;
    private final List<Answer> seen = new ArrayList<>();

    ContractClient(URI route) {
        this.route = route;
    }

    Answer post(String json) {
        return send(request().POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer post(String json, String... headers) {
        return send(request().headers(headers).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpRequest.Builder request() {
        return HttpRequest.newBuilder(route).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            Answer answer;
            try (InputStream body = response.body()) {
                if (type.startsWith("text/event-stream")) {
                    try (SseStream stream = new SseStream(body)) {
                        answer = new Answer(response.statusCode(), response.headers().map(), "", stream.rest());
                    }
                } else {
                    answer = new Answer(response.statusCode(), response.headers().map(),
                            new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), List.of());
                }
            }
            synchronized (seen) {
                seen.add(answer);
            }
            return answer;
        } catch (IOException e) {
            throw new AssertionError("the call to " + route + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Answer> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
