package dev.chatroute.validation;

import static dev.chatroute.testing.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code chatroute.input.max-tokens}: the input, system prompt included, is counted before the call. */
class TokenLimitTest {

    @Test
    void anInputOverTheTokenLimitIsRefusedAsContextLengthExceeded() {
        try (DemoGateway gateway = DemoGateway.start("chatroute.input.max-tokens=40")) {
            RecordingChannel channel = gateway.answer("{\"userMessage\":\"" + "lorem ipsum dolor ".repeat(12) + "\"}");

            assertInvalid(channel, "context_length_exceeded", "messages");
            assertThat(gateway.usage().awaitFirst(Duration.ofSeconds(1)).provider()).isNull();
        }
    }

    @Test
    void anInputUnderTheTokenLimitIsAccepted() {
        try (DemoGateway gateway = DemoGateway.start("chatroute.input.max-tokens=40")) {
            assertThat(gateway.answer("{\"userMessage\":\"" + "lorem ipsum dolor ".repeat(3) + "\"}").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theLimitIsInclusive() {
        // 32 tokens of text (o200k), 3 to prime the reply, 4 of message framing and 1 for the role: 40 in all.
        String body = "{\"userMessage\":\"" + "lorem ipsum dolor ".repeat(10) + "\"}";
        try (DemoGateway exact = DemoGateway.start("chatroute.input.max-tokens=40");
                DemoGateway under = DemoGateway.start("chatroute.input.max-tokens=39")) {
            assertThat(exact.answer(body).status()).isEqualTo(200);
            assertInvalid(under.answer(body), "context_length_exceeded", "messages");
        }
    }

    @Test
    void everyMessageOfAConversationCounts() {
        String turn = "{\"role\":\"user\",\"content\":\"" + "lorem ipsum dolor ".repeat(3) + "\"}";
        try (DemoGateway gateway = DemoGateway.start("chatroute.input.max-tokens=40")) {
            RecordingChannel channel = gateway.answer("{\"messages\":[" + turn + "," + turn + "," + turn + "]}");

            assertInvalid(channel, "context_length_exceeded", "messages");
        }
    }

    @Test
    void theServerSystemPromptCountsTowardTheTokenLimit() {
        try (DemoGateway gateway = DemoGateway.start("chatroute.input.max-tokens=40",
                "chatroute.system-prompt=" + "Be very careful and kind. ".repeat(6))) {
            RecordingChannel channel = gateway.answer("{\"userMessage\":\"Hi\"}");

            assertInvalid(channel, "context_length_exceeded", "messages");
        }
    }
}
