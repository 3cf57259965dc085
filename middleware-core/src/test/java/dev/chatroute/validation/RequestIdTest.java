package dev.chatroute.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every answer carries X-Request-Id: the client's when well-formed, a fresh one otherwise. */
class RequestIdTest {

    private static final String ID_SHAPE = "[A-Za-z0-9._-]{1,64}";

    private static DemoGateway gateway;

    @BeforeAll
    static void start() {
        gateway = DemoGateway.start("chatroute.input.max-bytes=200");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<TestCall> everyKindOfAnswer() {
        return Stream.of(
                TestCall.post("{\"userMessage\":\"Hi\"}"),
                TestCall.post("{\"userMessage\":\"Hi\",\"stream\":true}"),
                TestCall.post("{\"userMessage\":\"\"}"),
                TestCall.post("{nope"),
                TestCall.method("GET"),
                TestCall.post("{\"userMessage\":\"Hi\"}").header("Content-Type", "text/plain"),
                TestCall.post("{\"userMessage\":\"" + "x".repeat(300) + "\"}"));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfAnswer")
    void aWellFormedClientIdIsEchoedOnEveryKindOfAnswer(TestCall call) {
        RecordingChannel channel = gateway.answer(call.header("X-Request-Id", "client-42_a.B"));

        assertThat(channel.headers()).containsEntry("X-Request-Id", "client-42_a.B");
        assertThat(idInBody(channel)).isEqualTo("client-42_a.B");
    }

    @ParameterizedTest
    @MethodSource("everyKindOfAnswer")
    void anAnswerToACallWithoutAnIdCarriesAGeneratedOne(TestCall call) {
        RecordingChannel channel = gateway.answer(call);

        String id = channel.headers().get("X-Request-Id");
        assertThat(id).matches(ID_SHAPE);
        assertThat(idInBody(channel)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "new\nline", "ünïcode", "<script>"})
    void aMalformedClientIdIsReplaced(String sent) {
        RecordingChannel channel = gateway.answer(TestCall.post("{\"userMessage\":\"Hi\"}").header("X-Request-Id", sent));

        String id = channel.headers().get("X-Request-Id");
        assertThat(id).isNotEqualTo(sent).matches(ID_SHAPE);
        assertThat(channel.body().path("requestId").asText()).isEqualTo(id);
    }

    @Test
    void anIdOf64CharactersIsEchoedAndOneOf65IsReplaced() {
        String longest = "a".repeat(64);
        String tooLong = "a".repeat(65);

        assertThat(gateway.answer(TestCall.post("{}").header("X-Request-Id", longest)).headers())
                .containsEntry("X-Request-Id", longest);
        assertThat(gateway.answer(TestCall.post("{}").header("X-Request-Id", tooLong)).headers().get("X-Request-Id"))
                .isNotEqualTo(tooLong).matches(ID_SHAPE);
    }

    @Test
    void twoCallsWithoutAnIdGetDifferentIds() {
        String first = gateway.answer(TestCall.post("{}")).headers().get("X-Request-Id");
        String second = gateway.answer(TestCall.post("{}")).headers().get("X-Request-Id");

        assertThat(first).isNotEqualTo(second);
    }

    private static String idInBody(RecordingChannel channel) {
        if (channel.streamed()) {
            return channel.event("meta").json().path("requestId").asText();
        }
        return channel.body().has("error") ? channel.body().path("error").path("requestId").asText()
                : channel.body().path("requestId").asText();
    }
}
