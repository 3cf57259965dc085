package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the provider receives: the OpenAI request body, the key, the server's system prompt. */
class UpstreamRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeGateway gateway;

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aStreamingCallSendsModelMessagesLimitsAndAsksForUsage() {
        gateway = FakeGateway.start();

        RecordingChannel channel = gateway.post("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"More\"}],"
                + "\"stream\":true,\"max_tokens\":50,\"temperature\":0.5}").await(WAIT);

        FakeProvider.Call call = gateway.fake().lastCall();
        assertThat(call.method).isEqualTo("POST");
        assertThat(call.path).isEqualTo("/v1/chat/completions");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + FakeGateway.API_KEY);
        assertThat(call.header("X-Request-Id")).isEqualTo(channel.headers().get("X-Request-Id"));
        JsonNode body = call.json();
        assertThat(body.path("model").asText()).isEqualTo(FakeGateway.MODEL);
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"More\"}]");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void aJsonCallStillStreamsUpstreamWithTheConfiguredOutputCap() {
        // Streaming upstream keeps the first-token and idle timeouts meaningful for JSON answers.
        gateway = FakeGateway.start("chatroute.output.max-tokens=300");
        gateway.fake().enqueue(Reply.stream("Hel", "lo"));

        RecordingChannel answer = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("text").asText()).isEqualTo("Hello");
        JsonNode body = gateway.fake().lastCall().json();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hi\"}]");
    }

    @Test
    void anAcceptHeaderForEventStreamAsksForAStream() {
        gateway = FakeGateway.start();

        RecordingChannel channel = gateway.serve(TestCall.post("{\"userMessage\":\"Hi\"}")
                .header("Accept", "text/event-stream")).await(WAIT);

        assertThat(channel.streamed()).isTrue();
        assertThat(channel.eventNames()).startsWith("meta").endsWith("done");
        assertThat(gateway.fake().lastCall().json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void theServerSystemPromptGoesFirst() {
        gateway = FakeGateway.start("chatroute.system-prompt=You answer briefly.");

        gateway.post(ask("Hi", true)).await(WAIT);

        JsonNode messages = gateway.fake().lastCall().json().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.path(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.path(0).path("content").asText()).isEqualTo("You answer briefly.");
        assertThat(messages.path(1).path("role").asText()).isEqualTo("user");
    }

    @Test
    void aClientSystemMessageAllowedByConfigFollowsTheServerPrompt() {
        gateway = FakeGateway.start("chatroute.system-prompt=Server rules.",
                "chatroute.input.allow-system-messages=true");
        gateway.fake().enqueue(Reply.json("Hello"));

        RecordingChannel channel = gateway.post("{\"messages\":[{\"role\":\"system\",\"content\":\"Client rules.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}]}").await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        JsonNode messages = gateway.fake().lastCall().json().path("messages");
        assertThat(messages.path(0).path("content").asText()).isEqualTo("Server rules.");
        assertThat(messages.path(1).path("content").asText()).isEqualTo("Client rules.");
        assertThat(messages.path(2).path("content").asText()).isEqualTo("Hi");
    }
}
