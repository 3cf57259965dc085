package dev.chatroute.profiles;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each profile's request shape, and streams replayed in the format its provider really sends. */
class ProfileReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String sse(String... chunks) {
        StringBuilder out = new StringBuilder();
        for (String c : chunks) {
            out.append("data: ").append(c).append("\n\n");
        }
        return out.toString();
    }

    @Test
    void groqStreamsCarryTheirUsageInXGroq() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=groq");
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", sse(
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"x_groq\":{\"id\":\"req_1\"}}",
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi there\"},\"finish_reason\":null}]}",
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"queue_time\":0.01,\"prompt_tokens\":12,\"completion_tokens\":2,\"total_tokens\":14}}}",
                "[DONE]")));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.deltaText()).isEqualTo("Hi there");
        assertThat(channel.event("usage").json().path("inputTokens").asInt()).isEqualTo(12);
        assertThat(channel.eventNames()).endsWith("usage", "done");
    }

    @Test
    void azureSendsItsKeyAsApiKeyWithAnApiVersionAndNoStreamOptions() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=azure");
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", sse(
                "{\"id\":\"\",\"object\":\"\",\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0}]}",
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":\"stop\"}]}",
                "[DONE]")));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        FakeProvider.Call call = gateway.fake().lastCall();
        assertThat(call.header("api-key")).isEqualTo(FakeGateway.API_KEY);
        assertThat(call.header("Authorization")).isNull();
        assertThat(call.path).endsWith("/chat/completions?api-version=2024-10-21");
        assertThat(call.json().has("stream_options")).isFalse();
        assertThat(channel.deltaText()).isEqualTo("Hello");
        assertThat(channel.eventNames()).endsWith("usage", "done");
    }

    @Test
    void ollamaStreamsWithoutUsageOrRoleAreCompleteAndCounted() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=ollama", "chatroute.providers.f.api-key=");
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", sse(
                "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"model\":\"llama3.2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Local\"},\"finish_reason\":null}]}",
                "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"model\":\"llama3.2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" answer\"},\"finish_reason\":\"stop\"}]}",
                "[DONE]")));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(gateway.fake().lastCall().header("Authorization")).isNull();
        assertThat(channel.deltaText()).isEqualTo("Local answer");
        assertThat(channel.event("usage").json().path("outputTokens").asInt()).isPositive();
        assertThat(gateway.usage().awaitFirst(WAIT).usageEstimated()).isTrue();
    }

    @Test
    void aStreamWithAFinishReasonButNoDoneAndToolCallDeltasIsComplete() {
        // Gemini's and Anthropic's compatibility layers: no [DONE]. Gemini's tool calls come without index, whole
        // in one piece, and its finish reason says "stop" (tool-call shapes: ToolCallReplayTest).
        gateway = FakeGateway.start("chatroute.providers.f.profile=gemini");
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Sure\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"function-call-1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\".\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}")));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(gateway.fake().lastCall().header("Authorization")).isEqualTo("Bearer " + FakeGateway.API_KEY);
        assertThat(channel.deltaText()).isEqualTo("Sure.");
        assertThat(channel.eventNames()).contains("tool_call").endsWith("usage", "done");
        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void aProfileWithAKnownHostNeedsNoBaseUrlButItsKey() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> dev.chatroute.internal.config.Settings.read(
                dev.chatroute.ChatrouteConfig.builder().environment(n -> null)
                        .put("chatroute.providers.g.type", "openai-compatible")
                        .put("chatroute.providers.g.profile", "groq").build()));

        assertThat(thrown).hasMessageContaining("chatroute.providers.g.api-key").hasMessageContaining("groq");
    }
}
