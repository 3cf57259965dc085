package dev.chatroute.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.testing.FakeProvider;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample's {@code GET /metrics} on real Jetty: the gateway's GenAI meters, for allowed addresses only. */
class MetricsEndpointTest {

    static final String KEY = "sk-metrics-SECRET-3";

    final FakeProvider fake = FakeProvider.start();
    final HttpClient http = HttpClient.newHttpClient();
    SampleServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    @Test
    void aScrapeAfterACallHasTheGenAiClientMetricsInPrometheusFormat() throws Exception {
        server = SampleServer.start(settings(Map.of()));
        HttpResponse<String> chat = http.send(HttpRequest.newBuilder(server.uri("/servlet/api/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userMessage\":\"Hi\",\"stream\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).isEqualTo(200);

        // a call's meters are recorded as it ends, which may be just after its answer was sent
        HttpResponse<String> scrape = await().atMost(Duration.ofSeconds(10)).until(() -> get("/metrics"),
                r -> r.body().contains("gen_ai_client_operation_duration"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(scrape.body().lines())
                .anySatisfy(l -> assertThat(l).startsWith("gen_ai_client_token_usage").contains("gen_ai_token_type=\"input\""))
                .anySatisfy(l -> assertThat(l).startsWith("gen_ai_client_token_usage").contains("gen_ai_token_type=\"output\""))
                .anySatisfy(l -> assertThat(l).startsWith("gen_ai_client_operation_duration").contains("chatroute_alias=\"default\""));
        assertThat(scrape.body()).doesNotContain(KEY);
    }

    @Test
    void anAddressOutsideTheAllowedOnesGets403WithTheContractsError() throws Exception {
        server = SampleServer.start(settings(Map.of("chatroute.metrics.allowed-addresses", "10.0.0.0/8")));

        HttpResponse<String> scrape = get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(403);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = new ObjectMapper().readTree(scrape.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("code").asText()).isEqualTo("metrics_not_allowed");
        assertThat(error.path("requestId").asText()).isEqualTo(scrape.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(scrape.body()).doesNotContain("gen_ai");
    }

    private Map<String, String> settings(Map<String, String> extra) {
        return SampleServer.overFake(fake, KEY, extra);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
