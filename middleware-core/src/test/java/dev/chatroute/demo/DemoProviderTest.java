package dev.chatroute.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.Exchange;
import dev.chatroute.Outcome;
import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With no configuration at all, the built-in demo provider answers and streams. */
class DemoProviderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void withNoConfigurationTheDemoAnswersEchoingTheQuestion() {
        try (Chatroute chatroute = Chatroute.create(ChatrouteConfig.defaults())) {
            RecordingChannel channel = new RecordingChannel();

            chatroute.serve(TestCall.post("{\"userMessage\":\"What is Chatroute?\"}"), channel);

            JsonNode body = channel.await(WAIT).body();
            assertThat(channel.status()).isEqualTo(200);
            assertThat(body.path("model").asText()).isEqualTo("default");
            assertThat(body.path("text").asText()).contains("You asked: \"What is Chatroute?\"")
                    .contains("CHATROUTE_CONFIG");
            assertThat(body.path("finishReason").asText()).isEqualTo("stop");
            assertThat(body.path("usage").path("inputTokens").asInt()).isPositive();
            assertThat(body.path("usage").path("outputTokens").asInt()).isGreaterThan(50);
        }
    }

    @Test
    void theDemoStreamsItsAnswerInManyDeltas() {
        try (DemoGateway gateway = DemoGateway.start()) {
            RecordingChannel channel = gateway.answer("{\"userMessage\":\"Does it stream?\",\"stream\":true}");

            assertThat(channel.eventNames()).startsWith("meta", "delta").endsWith("usage", "done");
            assertThat(channel.eventNames().stream().filter("delta"::equals).count()).isGreaterThan(50);
            assertThat(channel.deltaText()).startsWith("Hello!").contains("CHATROUTE_CONFIG")
                    .endsWith("You asked: \"Does it stream?\"");
            JsonNode usage = channel.event("usage").json();
            assertThat(usage.path("inputTokens").asInt()).isPositive();
            assertThat(usage.path("outputTokens").asInt()).isGreaterThan(50);
            assertThat(usage.path("totalTokens").asInt())
                    .isEqualTo(usage.path("inputTokens").asInt() + usage.path("outputTokens").asInt());
            assertThat(gateway.usage().awaitFirst(WAIT).usageEstimated()).isFalse();
        }
    }

    @Test
    void theDemoStreamAndTheWholeAnswerAreTheSameText() {
        try (DemoGateway gateway = DemoGateway.start()) {
            String streamed = gateway.answer("{\"userMessage\":\"Same?\",\"stream\":true}").deltaText();
            String whole = gateway.answer("{\"userMessage\":\"Same?\"}").body().path("text").asText();

            assertThat(streamed).isEqualTo(whole);
        }
    }

    @Test
    void theDemoEchoesOnlyTheLastUserMessageAndClipsALongOne() {
        try (DemoGateway gateway = DemoGateway.start()) {
            String text = gateway.answer("{\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
                    + "{\"role\":\"assistant\",\"content\":\"reply\"},{\"role\":\"user\",\"content\":\""
                    + "y".repeat(400) + "\"}]}").body().path("text").asText();

            assertThat(text).doesNotContain("first").contains("y".repeat(300) + "...").doesNotContain("y".repeat(301));
        }
    }

    @Test
    void aCancelledDemoStreamStopsSending() {
        try (DemoGateway gateway = DemoGateway.start("chatroute.providers.demo.token-delay=10ms")) {
            RecordingChannel channel = new RecordingChannel();
            Exchange exchange = gateway.chatroute().serve(TestCall.post("{\"userMessage\":\"Hi\",\"stream\":true}"),
                    channel);
            await().atMost(WAIT).until(() -> channel.eventNames().size() >= 4);

            exchange.cancel();
            int sent = channel.eventNames().size();

            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> channel.eventNames().size() == sent);
            assertThat(gateway.usage().awaitFirst(WAIT).outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        }
    }
}
