package dev.chatroute.sample.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.sample.FakeSsoFilter;
import dev.chatroute.sample.RawHttp;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies and headers against both routes of the real sample on real Jetty, signed in by
 * the app's SSO or by a trusted proxy's header: whatever arrives, the answer is the contract's
 * (a success, or a typed JSON error with a request id), never a 5xx, never a stack trace or a
 * key, in the answer or in the log. Each try draws from its own seed; a failure names it, and
 * {@code -Dfuzz.seed=N} replays a run (every run otherwise draws new ones).
 */
class MalformedRequestsFuzzTest {

    static final String KEY = "sk-fuzz-SECRET-5550123";
    static final List<String> ROUTES = List.of("/api/chat", "/servlet/api/chat");
    static final Set<Integer> CLIENT_STATUSES = Set.of(200, 204, 400, 401, 403, 405, 413, 415, 429);
    static final Set<String> CLIENT_ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "rate_limit_error");
    static final ObjectMapper JSON = new ObjectMapper();

    static FakeProvider fake;
    static LogCapture logs;
    static SampleServer ssoSignedIn;
    static SampleServer proxySignedIn;

    static final long RUN_SEED = Long.getLong("fuzz.seed", System.nanoTime());

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        fake.byDefault(Reply.stream("Hello", " there."));
        logs = LogCapture.install();
        ssoSignedIn = SampleServer.start(settings(Map.of()), FakeSsoFilter.class);
        proxySignedIn = SampleServer.start(settings(Map.of("chatroute.identity", "header")));
    }

    private static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new HashMap<>(more);
        s.put("chatroute.providers.fake.type", "openai-compatible");
        s.put("chatroute.providers.fake.base-url", fake.baseUrl().toString());
        s.put("chatroute.providers.fake.api-key", KEY);
        s.put("chatroute.models.default", "fake/fake-model");
        s.put("chatroute.input.max-bytes", "16384");
        s.put("chatroute.input.max-tokens", "2000");
        s.put("chatroute.limits.requests-per-minute", "1000000");
        s.put("chatroute.limits.tokens-per-day", "100000000");
        s.put("chatroute.limits.concurrent-streams", "50");
        s.put("chatroute.timeouts.first-token", "2s");
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            List<String> lines = logs.lines();
            assertThat(lines).as("log lines with a stack trace").noneMatch(l -> l.contains("\n\tat "));
            assertThat(lines).as("log lines with a key").noneMatch(l -> !TestSecrets.foundIn(l).isEmpty());
        } finally {
            logs.close();
            ssoSignedIn.close();
            proxySignedIn.close();
            fake.close();
        }
    }

    /** Runs {@code tries} tries, each on a seed of its own drawn from the run's, naming it if one fails. */
    private static void tries(int tries, LongConsumer oneTry) {
        Random seeds = new Random(RUN_SEED);
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            try {
                oneTry.accept(seed);
            } catch (AssertionError failed) {
                throw new AssertionError("try " + i + " (seed " + seed + ", run with -Dfuzz.seed="
                        + RUN_SEED + "): " + failed.getMessage(), failed);
            }
        }
    }

    @Test
    void everyMalformedBodyGetsATypedAnswer() {
        tries(400, seed -> {
        Random r = new Random(seed);
        String route = ROUTES.get(r.nextInt(2));
        byte[] body = Malformed.body(r);
        List<Map.Entry<String, String>> headers = List.of(Map.entry("X-Test-User", "fuzz"),
                Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", r.nextBoolean() ? "text/event-stream" : "application/json"));
        assertTyped(new RawHttp(ssoSignedIn.port()).send("POST", route, headers, body), body);
        });
    }

    @Test
    void everyOddHeaderSetGetsATypedAnswer() {
        tries(400, seed -> {
        Random r = new Random(seed);
        String route = ROUTES.get(r.nextInt(2));
        SampleServer server = r.nextBoolean() ? ssoSignedIn : proxySignedIn;
        List<Map.Entry<String, String>> headers = Malformed.headers(r);
        String method = r.nextInt(6) == 0 ? List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS").get(r.nextInt(5))
                : "POST";
        byte[] body = (r.nextBoolean() ? "{\"userMessage\":\"Hi\"}" : Malformed.nearMiss(r))
                .getBytes(StandardCharsets.UTF_8);
        assertTyped(new RawHttp(server.port()).send(method, route, headers, body), body);
        });
    }

    @Test
    void bothRoutesAnswerAMalformedCallAlike() {
        tries(300, seed -> {
        Random r = new Random(seed);
        List<Map.Entry<String, String>> headers = Malformed.headers(r);
        byte[] body = Malformed.body(r);
        RawHttp http = new RawHttp(proxySignedIn.port());
        RawHttp.Response jaxrs = http.send("POST", ROUTES.get(0), headers, body);
        RawHttp.Response servlet = http.send("POST", ROUTES.get(1), headers, body);
        assertThat(servlet.status()).as("servlet route's status, beside the JAX-RS route's\n%s\n%s",
                jaxrs.everything(), servlet.everything()).isEqualTo(jaxrs.status());
        if (jaxrs.status() >= 400) {
            assertThat(code(servlet)).as("error code").isEqualTo(code(jaxrs));
        }
        });
    }

    private static String code(RawHttp.Response response) {
        return json(response).path("error").path("code").asText();
    }

    private static void assertTyped(RawHttp.Response response, byte[] sent) {
        String what = "answer to " + new String(sent, 0, Math.min(sent.length, 300), StandardCharsets.UTF_8)
                + "\n" + response.everything();
        assertThat(response.status()).as("status of the " + what).isIn(CLIENT_STATUSES);
        assertThat(response.header("X-Request-Id")).as("X-Request-Id of the " + what).isNotBlank();
        assertThat(TestSecrets.foundIn(response.everything())).as("keys in the " + what).isEmpty();
        assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.glassfish").doesNotContain("org.eclipse.jetty");
        if (response.status() < 400) {
            return;
        }
        assertThat(response.header("Content-Type")).as("media type of the " + what).startsWith("application/json");
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).as("error type of the " + what).isIn(CLIENT_ERROR_TYPES);
        assertThat(error.path("code").asText()).as("error code of the " + what).matches("[a-z_]+");
        assertThat(error.path("message").asText()).as("message of the " + what).isNotBlank();
        assertThat(error.path("requestId").asText()).as("request id of the " + what)
                .isEqualTo(response.header("X-Request-Id"));
    }

    private static JsonNode json(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.everything());
        }
    }
}
