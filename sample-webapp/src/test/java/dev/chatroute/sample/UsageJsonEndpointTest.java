package dev.chatroute.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample's {@code GET /admin/usage.json} on real Jetty over its own H2 ledger: the numbers of
 * known priced calls, the {@code days} parameter, and who may read it.
 */
class UsageJsonEndpointTest {

    static final String KEY = "sk-usage-SECRET-5";
    static final ObjectMapper JSON = new ObjectMapper();

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
    void theReportSumsTheCallsOfThePeriodPerUserAndModel() throws Exception {
        server = SampleServer.start(settings(Map.of()));
        fake.byDefault(Reply.json("Hello").promptTokens(1000)); // 1000 × 2.00 + 1 × 8.00 per million: $0.002008
        assertThat(chat("/servlet/api/chat", null).statusCode()).isEqualTo(200);
        assertThat(chat("/api/chat", null).statusCode()).isEqualTo(200);
        assertThat(chat("/servlet/api/chat", "198.51.100.4").statusCode()).isEqualTo(200); // via a local proxy

        JsonNode report = await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get("/admin/usage.json", null).body()),
                r -> r.path("totals").path("calls").asLong() == 3);

        assertThat(report.path("totals").path("inputTokens").asLong()).isEqualTo(3000);
        assertThat(report.path("totals").path("outputTokens").asLong()).isEqualTo(3);
        assertThat(report.path("totals").path("costUsd").decimalValue()).isEqualByComparingTo("0.006024");
        JsonNode dearest = report.path("users").get(0);
        assertThat(dearest.path("user").asText()).isEqualTo("anon:127.0.0.1");
        assertThat(dearest.path("calls").asLong()).isEqualTo(2);
        assertThat(dearest.path("costUsd").decimalValue()).isEqualByComparingTo("0.004016");
        assertThat(report.path("users").get(1).path("user").asText()).isEqualTo("anon:198.51.100.4");
        assertThat(report.path("models")).singleElement().satisfies(m -> {
            assertThat(m.path("model").asText()).isEqualTo("default");
            assertThat(m.path("provider").asText()).isEqualTo("fake");
            assertThat(m.path("calls").asLong()).isEqualTo(3);
        });
        assertThat(report.path("days")).singleElement().satisfies(d ->
                assertThat(d.path("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString()));
        assertThat(report.path("monitoring").path("rate429").asDouble()).isZero();
        assertThat(report.path("monitoring").path("costPerSuccessfulCall").decimalValue()).isEqualByComparingTo("0.002008");
        // the default period is the last 7 UTC days, today included
        assertThat(report.path("from").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(6) + "T00:00:00Z");
    }

    @ParameterizedTest(name = "days={0}")
    @CsvSource({"0, parameter_out_of_range", "401, parameter_out_of_range", "seven, invalid_parameter",
        "-1, invalid_parameter", "'', invalid_parameter"})
    void aBadDaysIsRefusedWithTheContractsError(String days, String code) throws Exception {
        server = SampleServer.start(settings(Map.of()));

        HttpResponse<String> refused = get("/admin/usage.json?days=" + days, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("param").asText()).isEqualTo("days");
        assertThat(error.path("requestId").asText()).isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(awaitReport(HttpRequest.newBuilder(server.uri("/admin/usage.json?days=400"))).statusCode()).isEqualTo(200);
    }

    @Test
    void inAnonymousModeACallerForwardedByATrustedProxyIsNotLoopback() throws Exception {
        server = SampleServer.start(settings(Map.of()));

        assertForbidden(get("/admin/usage.json", "198.51.100.4"));
        assertForbidden(get("/admin/usage", "198.51.100.4"));
        assertThat(get("/admin/usage", null).statusCode()).isEqualTo(200);
    }

    @Test
    void inHeaderModeOnlyTheAdminRoleMayRead() throws Exception {
        server = SampleServer.start(settings(Map.of("chatroute.identity", "header", "chatroute.admin-role", "finance")));

        HttpResponse<String> admin = awaitReport(HttpRequest.newBuilder(server.uri("/admin/usage.json"))
                .header("X-Forwarded-User", "ann").header("X-Forwarded-Groups", "staff, finance"));
        HttpResponse<String> staff = send(HttpRequest.newBuilder(server.uri("/admin/usage.json"))
                .header("X-Forwarded-User", "bob").header("X-Forwarded-Groups", "staff"));
        HttpResponse<String> loopbackWithoutRole = get("/admin/usage", null);

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(admin.body()).path("totals").has("calls")).isTrue();
        assertForbidden(staff);
        assertForbidden(loopbackWithoutRole);
    }

    /**
     * The report once the ledger has made its table, which its writer thread does just after start-up
     * (until then a report is 503 usage_unavailable).
     */
    private HttpResponse<String> awaitReport(HttpRequest.Builder request) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> send(request), r -> r.statusCode() != 503);
    }

    private static void assertForbidden(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("code").asText()).isEqualTo("usage_not_allowed");
        assertThat(response.body()).doesNotContain(KEY).doesNotContain("totals");
    }

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("chatroute.providers.fake.prices", "fake-model=2.00/8.00"));
        s.putAll(extra);
        return SampleServer.overFake(fake, KEY, s);
    }

    private HttpResponse<String> chat(String route, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(route)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userMessage\":\"Hi\",\"stream\":false}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request);
    }

    private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
