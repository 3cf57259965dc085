package dev.chatroute.sample.deploy;

import dev.chatroute.sample.SseStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Calls a deployed application's chat routes the way a browser or curl does. */
final class Calls {

    /** Created once, before any deployment, so its selector thread is never counted as Chatroute's. */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Calls() {
    }

    static URI at(URL base, String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root + (path.startsWith("/") ? path.substring(1) : path));
    }

    static HttpResponse<String> postJson(URI uri, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a streaming call and reads every event until the server ends the stream. */
    static List<SseStream.Event> stream(URI uri, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<java.io.InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("expected a stream from " + uri + ", got " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        try (SseStream events = new SseStream(response.body())) {
            return events.rest();
        }
    }

    /** The concatenated text of a stream's delta events. */
    static String text(List<SseStream.Event> events) {
        StringBuilder text = new StringBuilder();
        for (SseStream.Event e : events) {
            if (e.name().equals("delta")) {
                text.append(e.data(), "{\"text\":\"".length(), e.data().length() - 2);
            }
        }
        return text.toString();
    }

    static List<String> names(List<SseStream.Event> events) {
        return events.stream().map(SseStream.Event::name).distinct().toList();
    }
}
