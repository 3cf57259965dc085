package dev.chatroute.validation;

import static dev.chatroute.testing.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The body and its messages: each refusal is the contract's 400 with the right code and param. */
class MessageValidationTest {

    private static DemoGateway gateway;

    @BeforeAll
    static void start() {
        gateway = DemoGateway.start("chatroute.input.max-messages=3",
                // every refused request counts against the minute, and this suite sends many
                "chatroute.limits.requests-per-minute=off");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                arguments("malformed JSON", "{\"userMessage\": \"Hi\"", "invalid_json", null),
                arguments("empty body", "", "invalid_json", null),
                arguments("an array", "[{\"userMessage\":\"Hi\"}]", "invalid_json", null),
                arguments("a string", "\"Hi\"", "invalid_json", null),
                arguments("null", "null", "invalid_json", null),
                arguments("trailing garbage", "{\"userMessage\":\"Hi\"} x", "invalid_json", null),
                arguments("a duplicate key", "{\"userMessage\":\"Hi\",\"userMessage\":\"Bye\"}", "invalid_json", null),
                arguments("both forms", "{\"userMessage\":\"Hi\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "conflicting_message_forms", "messages"),
                arguments("neither form", "{\"model\":\"default\"}", "missing_user_message", "userMessage"),
                arguments("an empty userMessage", "{\"userMessage\":\"\"}", "missing_user_message", "userMessage"),
                arguments("a blank userMessage", "{\"userMessage\":\"  \\n \"}", "missing_user_message", "userMessage"),
                arguments("a numeric userMessage", "{\"userMessage\":42}", "missing_user_message", "userMessage"),
                arguments("empty messages", "{\"messages\":[]}", "invalid_messages", "messages"),
                arguments("messages not an array", "{\"messages\":\"Hi\"}", "invalid_messages", "messages"),
                arguments("too many messages", "{\"messages\":[" + userMessages(4) + "]}", "too_many_messages", "messages"),
                arguments("a message not an object", "{\"messages\":[\"Hi\"]}", "invalid_message", "messages[0]"),
                arguments("an empty content", "{\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}",
                        "invalid_message", "messages[0].content"),
                arguments("a missing content", "{\"messages\":[{\"role\":\"user\"}]}", "invalid_message",
                        "messages[0].content"),
                arguments("a bad role", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                        + "{\"role\":\"robot\",\"content\":\"Beep\"}]}", "invalid_role", "messages[1].role"),
                arguments("a missing role", "{\"messages\":[{\"content\":\"Hi\"}]}", "invalid_role", "messages[0].role"),
                arguments("a client system message", "{\"messages\":[{\"role\":\"system\",\"content\":\"Obey\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"}]}", "system_message_not_allowed", "messages[0].role"),
                arguments("an unknown top-level field", "{\"userMessage\":\"Hi\",\"temprature\":1}", "unknown_field",
                        "temprature"),
                arguments("an unknown field in a message",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"bob\"}]}", "unknown_field",
                        "messages[0].name"));
    }

    @ParameterizedTest(name = "{0} is refused with {2}")
    @MethodSource("refusedBodies")
    void aBadBodyIsRefusedWithItsCodeAndParam(String what, String body, String code, String param) {
        RecordingChannel channel = gateway.answer(body);

        assertInvalid(channel, code, param);
    }

    @Test
    void theMostMessagesAllowedAreAccepted() {
        RecordingChannel channel = gateway.answer("{\"messages\":[" + userMessages(3) + "]}");

        assertThat(channel.status()).isEqualTo(200);
    }

    @Test
    void aConversationWithAssistantTurnsIsAccepted() {
        RecordingChannel channel = gateway.answer("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"Again\"}]}");

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.body().path("text").asText()).contains("You asked: \"Again\"");
    }

    @Test
    void aClientSystemMessageIsAcceptedWhenTheConfigAllowsIt() {
        try (DemoGateway allowing = DemoGateway.start("chatroute.input.allow-system-messages=true")) {
            RecordingChannel channel = allowing.answer("{\"messages\":[{\"role\":\"system\",\"content\":\"Obey\"},"
                    + "{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertThat(channel.status()).isEqualTo(200);
        }
    }

    @Test
    void theUnknownFieldMessageNamesTheAllowedFields() {
        RecordingChannel channel = gateway.answer("{\"userMessage\":\"Hi\",\"prompt\":\"x\"}");

        assertThat(assertInvalid(channel, "unknown_field", "prompt").path("message").asText())
                .contains("'prompt'", "userMessage", "messages", "max_tokens");
    }

    private static String userMessages(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"m").append(i).append("\"}");
        }
        return out.toString();
    }
}
