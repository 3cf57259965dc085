package dev.chatroute.sample.facade;

import static dev.chatroute.sample.facade.FacadeClient.data;
import static dev.chatroute.sample.facade.FacadeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.sample.RawHttp;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAI-compatible facade's wire (CONTRACT §4) on one adapter of the real sample, over a fake
 * provider on real Jetty, byte for byte. Subclasses name the adapter's prefix; the tests are the
 * same for both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FacadeContract {

    static final String KEY = "sk-facade-SECRET-0123456789";
    static final String CALLER_KEY = "sk-caller-SECRET-9876543210";
    static final String HI = "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    final FakeProvider fake = FakeProvider.start();
    final LogCapture logs = LogCapture.install();
    final SampleServer server = SampleServer.start(settings());
    final FacadeClient client = new FacadeClient(server.port(), prefix());

    /** {@code /v1} (JAX-RS) or {@code /servlet/v1} (the filter). */
    abstract String prefix();

    Map<String, String> settings() {
        Map<String, String> s = SampleServer.overFake(fake, KEY, Map.of());
        s.put("chatroute.identity", "header"); // X-Forwarded-User and X-Forwarded-Groups, from loopback
        s.put("chatroute.models.premium", "fake/big-model");
        s.put("chatroute.models.premium.roles", "staff");
        s.put("chatroute.limits.requests-per-minute", "1000");
        s.put("chatroute.limits.role.limited.requests-per-minute", "1");
        s.put("chatroute.providers.fake.prices", "fake-model=10000/10000"); // a cent a token
        s.put("chatroute.limits.role.poor.spend-per-day", "0.01");
        s.put("chatroute.output.max-tokens", "100");
        s.put("chatroute.retry.max-attempts", "1");
        s.put("chatroute.circuit-breaker.failure-threshold", "1000");
        return s;
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
        fake.byDefault(Reply.stream("Hello", " from", " the", " fake."));
    }

    @AfterEach
    void noSecretReachedAClient() {
        for (RawHttp.Response answer : client.seen()) {
            String wire = answer.status() + " " + answer.headers() + "\n" + answer.body();
            assertThat(wire).doesNotContain(KEY).doesNotContain(CALLER_KEY).doesNotContain("Bearer");
        }
    }

    @AfterAll
    void stop() throws Exception {
        assertThat(logs.all()).as("log lines").doesNotContain(KEY).doesNotContain(CALLER_KEY);
        logs.close();
        server.close();
        fake.close();
    }

    RawHttp.Response chat(String json, String... headers) {
        List<String> all = new ArrayList<>(List.of("X-Forwarded-User", "alice"));
        all.addAll(List.of(headers));
        return client.post("/chat/completions", json, all.toArray(String[]::new));
    }

    static JsonNode error(RawHttp.Response answer, int status, String type, String code) {
        assertThat(answer.status()).as("status of " + answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        JsonNode error = json(answer.body()).path("error");
        assertThat(error.path("type").asText()).as("type").isEqualTo(type);
        assertThat(error.path("code").asText()).as("code").isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("param")).as("param is always there, null when none").isTrue();
        return error;
    }

    @Test
    void aJsonCallIsAChatCompletion() {
        RawHttp.Response answer = chat(HI + "}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        JsonNode body = json(answer.body());
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").isIntegralNumber()).isTrue();
        assertThat(body.path("model").asText()).isEqualTo("default");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello from the fake.");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt()).isPositive();
    }

    @Test
    void aStreamIsChunksThenDoneWithNoNamedEvents() {
        RawHttp.Response answer = chat(HI + ",\"stream\":true}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        List<String> data = data(answer.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(FacadeClient::json).toList();
        String id = chunks.get(0).path("id").asText();
        assertThat(id).startsWith("chatcmpl-");
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo(id);
            assertThat(chunk.path("model").asText()).isEqualTo("default");
            assertThat(chunk.path("choices")).hasSize(1);
            assertThat(chunk.has("usage")).as("no usage field unless asked for").isFalse();
            text.append(chunk.path("choices").get(0).path("delta").path("content").asText(""));
        }
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(text).hasToString("Hello from the fake.");
        JsonNode last = chunks.get(chunks.size() - 1).path("choices").get(0);
        assertThat(last.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.path("choices").get(0).path("finish_reason").isNull()).isTrue());
    }

    @Test
    void includeUsageAddsTheUsageChunkBeforeDone() {
        RawHttp.Response answer = chat(HI + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        List<String> data = data(answer.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        JsonNode usageChunk = json(data.get(data.size() - 2));
        assertThat(usageChunk.path("choices")).isEmpty();
        JsonNode usage = usageChunk.path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isPositive();
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
        assertThat(data.subList(0, data.size() - 2))
                .allSatisfy(d -> assertThat(json(d).path("usage").isNull()).as(d).isTrue());
    }

    @Test
    void aProviderFailureBeforeTheFirstChunkIsAnHttpStatusNotAStream() {
        fake.enqueue(Reply.error(503, "server_error", "overloaded"));

        RawHttp.Response answer = chat(HI + ",\"stream\":true}");

        error(answer, 503, "server_error", "upstream_unavailable");
        assertThat(answer.body()).doesNotContain("data:").doesNotContain("overloaded");
    }

    @Test
    void aProvidersOwn429OnceRetriesAreSpentIsRateLimitExceededWithRetryAfter() {
        fake.enqueue(Reply.error(429, "rate_limit", "slow down").header("Retry-After", "7"));

        RawHttp.Response answer = chat(HI + ",\"stream\":true}");

        error(answer, 429, "requests", "rate_limit_exceeded");
        assertThat(answer.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void aPerUserLimitIs429RateLimitExceededWithRetryAfter() {
        String[] limited = {"X-Forwarded-User", "lim", "X-Forwarded-Groups", "limited"};
        assertThat(client.post("/chat/completions", HI + "}", limited).status()).isEqualTo(200);

        RawHttp.Response second = client.post("/chat/completions", HI + "}", limited);

        error(second, 429, "requests", "rate_limit_exceeded");
        assertThat(second.header("Retry-After")).matches("[1-9][0-9]*");
    }

    @Test
    void aSpendBudgetIs429InsufficientQuota() {
        RawHttp.Response answer = client.post("/chat/completions", HI + "}",
                "X-Forwarded-User", "pauper", "X-Forwarded-Groups", "poor");

        error(answer, 429, "insufficient_quota", "insufficient_quota");
        assertThat(fake.callCount()).isZero();
    }

    @Test
    void nOtherThanOneIsA400NamingN() {
        JsonNode error = error(chat(HI + ",\"n\":2}"), 400, "invalid_request_error", "parameter_out_of_range");

        assertThat(error.path("param").asText()).isEqualTo("n");
        assertThat(fake.callCount()).isZero();
    }

    @Test
    void anUnknownAliasIs404ModelNotFound() {
        JsonNode error = error(chat("{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                404, "invalid_request_error", "model_not_found");

        assertThat(error.path("param").asText()).isEqualTo("model");
    }

    @Test
    void textPartsAreJoinedAndMaxCompletionTokensIsTheCap() {
        RawHttp.Response answer = chat("{\"model\":\"default\",\"max_completion_tokens\":7,\"messages\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello \"},{\"type\":\"text\",\"text\":\"there\"}]}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode sent = fake.lastCall().json();
        JsonNode last = sent.path("messages").get(sent.path("messages").size() - 1);
        assertThat(last.path("content").asText()).isEqualTo("Hello there");
        assertThat(sent.path("max_tokens").asInt(sent.path("max_completion_tokens").asInt())).isEqualTo(7);
    }

    @Test
    void theModelsListHasTheAliasesTheCallersRolesAllow() {
        RawHttp.Response plain = client.get("/models", "X-Forwarded-User", "alice");
        RawHttp.Response staff = client.get("/models", "X-Forwarded-User", "bob", "X-Forwarded-Groups", "staff");

        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(ids(plain)).contains("default").doesNotContain("premium");
        assertThat(ids(staff)).contains("default", "premium");
        JsonNode one = json(staff.body()).path("data").get(0);
        assertThat(one.path("object").asText()).isEqualTo("model");
        assertThat(one.path("owned_by").asText()).isNotBlank();
        assertThat(one.path("created").isIntegralNumber()).isTrue();
        assertThat(json(client.get("/models/premium", "X-Forwarded-User", "bob", "X-Forwarded-Groups", "staff")
                .body()).path("id").asText()).isEqualTo("premium");
        error(client.get("/models/premium", "X-Forwarded-User", "alice"), 404, "invalid_request_error",
                "model_not_found");
    }

    @Test
    void theCallersAuthorizationIsNeverForwarded() {
        RawHttp.Response answer = chat(HI + "}", "Authorization", "Bearer " + CALLER_KEY);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(fake.lastCall().headers.toString()).doesNotContain(CALLER_KEY);
    }

    private static List<String> ids(RawHttp.Response answer) {
        JsonNode root = json(answer.body());
        assertThat(root.path("object").asText()).isEqualTo("list");
        return StreamSupport.stream(root.path("data").spliterator(), false).map(m -> m.path("id").asText()).toList();
    }
}
