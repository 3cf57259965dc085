package dev.chatroute.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sample's {@code GET /health} on real Jetty: 200 while it can answer, 503 once the default's circuit opens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointTest {

    static final String KEY = "sk-health-SECRET-7";

    final FakeProvider fake = FakeProvider.start();
    final SampleServer server = SampleServer.start(SampleServer.overFake(fake, KEY, Map.of(
            "chatroute.retry.max-attempts", "1",
            "chatroute.circuit-breaker.failure-threshold", "1",
            "chatroute.circuit-breaker.delay", "1h")));
    final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() throws Exception {
        server.close();
        fake.close();
    }

    @Test
    void healthIsUpUntilTheDefaultAliasHasNoTargetLeft() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(up.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("limits").path("store").asText()).isEqualTo("local");
        assertThat(body.path("circuits").findValuesAsText("provider")).contains("fake");

        fake.enqueue(Reply.error(500, "server_error", "boom"));
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(server.uri("/servlet/api/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userMessage\":\"Hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(503);

        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"state\":\"open\"").doesNotContain(KEY);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
