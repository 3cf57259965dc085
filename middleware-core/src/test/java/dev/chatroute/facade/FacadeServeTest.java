package dev.chatroute.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.GuardOutcome;
import dev.chatroute.internal.json.Json;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade through the whole core pipeline, over the fake provider. */
class FacadeServeTest {

    static final String HI = "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    static final Duration WAIT = Duration.ofSeconds(5);

    final FakeGateway gateway = FakeGateway.start("chatroute.openai.enabled=true",
            "chatroute.limits.role.limited.requests-per-minute=1", "chatroute.models.premium=f/big",
            "chatroute.models.premium.roles=staff");

    @AfterEach
    void close() {
        gateway.close();
    }

    RecordingChannel serve(TestCall call) {
        RecordingChannel channel = new RecordingChannel();
        gateway.chatroute().serveOpenAi(call, channel);
        return channel.await(WAIT);
    }

    RecordingChannel chat(String json) {
        return serve(TestCall.post(json).principal("alice"));
    }

    static JsonNode error(RecordingChannel channel, int status, String code) {
        assertThat(channel.streamed()).as("answered as JSON, not a stream").isFalse();
        assertThat(channel.status()).isEqualTo(status);
        JsonNode error = channel.body().path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        return error;
    }

    @Test
    void aStreamWhoseProviderFailsBeforeTheFirstChunkIsAJson503() {
        gateway.fake().enqueue(Reply.error(503, "server_error", "busy"));

        RecordingChannel channel = chat(HI + ",\"stream\":true}");

        assertThat(error(channel, 503, "upstream_unavailable").path("type").asText()).isEqualTo("server_error");
        assertThat(channel.events()).isEmpty();
    }

    @Test
    void aStreamIsDataOnlyChunksEndingWithDone() {
        gateway.fake().enqueue(Reply.stream("Hel", "lo"));

        RecordingChannel channel = chat(HI + ",\"stream\":true}");

        assertThat(channel.streamed()).isTrue();
        List<RecordingChannel.Event> events = channel.events();
        assertThat(events).allSatisfy(e -> assertThat(e.name()).isNull());
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        assertThat(events.get(0).json().path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void aFailureAfterTheFirstChunkEndsTheStreamWithADataErrorAndNoDone() {
        gateway.fake().enqueue(Reply.stream("Hel", "lo", " there").cutAfter(1));

        RecordingChannel channel = chat(HI + ",\"stream\":true}");

        assertThat(channel.streamed()).isTrue();
        List<RecordingChannel.Event> events = channel.events();
        RecordingChannel.Event last = events.get(events.size() - 1);
        assertThat(last.json().path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(events).noneSatisfy(e -> assertThat(e.data()).isEqualTo("[DONE]"));
    }

    @Test
    void aPerUserLimitIs429RateLimitExceededWithRetryAfter() {
        assertThat(serve(TestCall.post(HI + "}").principal("lim", "limited")).status()).isEqualTo(200);

        RecordingChannel second = serve(TestCall.post(HI + "}").principal("lim", "limited"));

        assertThat(error(second, 429, "rate_limit_exceeded").path("type").asText()).isEqualTo("requests");
        assertThat(second.headers()).containsKey("Retry-After").containsKey("X-Request-Id");
    }

    @Test
    void aProviders429AfterRetriesIs429RateLimitExceeded() {
        gateway.fake().enqueue(Reply.error(429, "rate_limit", "slow").header("Retry-After", "3"));

        RecordingChannel channel = chat(HI + "}");

        error(channel, 429, "rate_limit_exceeded");
        assertThat(channel.headers()).containsEntry("Retry-After", "3");
    }

    @Test
    void anUnknownAliasIs404AndADisallowedOneIs403() {
        error(chat("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), 404, "model_not_found");
        error(chat("{\"model\":\"premium\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), 403,
                "model_not_allowed");
        assertThat(gateway.fake().callCount()).isZero();
    }

    @Test
    void theModelsListFollowsTheRolesAndOnlyGetReadsIt() throws Exception {
        GuardOutcome plain = gateway.chatroute().openAiModels(TestCall.method("GET").principal("alice"), null);
        GuardOutcome staff = gateway.chatroute().openAiModels(TestCall.method("GET").principal("bob", "staff"), null);
        GuardOutcome post = gateway.chatroute().openAiModels(TestCall.method("POST").principal("bob", "staff"), null);

        assertThat(plain.status()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(plain.body()).findValuesAsText("id")).containsExactly("default");
        assertThat(Json.MAPPER.readTree(staff.body()).findValuesAsText("id")).containsExactly("default", "premium");
        assertThat(post.allowed()).isFalse();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET");
    }

    @Test
    void aGatewayWithTheFacadeOffRefusesToServeIt() {
        try (FakeGateway off = FakeGateway.start()) {
            assertThat(off.chatroute().openAiEnabled()).isFalse();
            assertThatThrownBy(() -> off.chatroute().serveOpenAi(TestCall.post(HI + "}"), new RecordingChannel()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("chatroute.openai.enabled");
        }
    }
}
