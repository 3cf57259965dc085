package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers that did not come from a chat completions endpoint (a portal page sent with 200, a
 * redirect, 405, 413) fail their target without a retry; the chain moves on, and a call that nothing
 * else answers ends with 502 {@code upstream_error}.
 */
class NotAnAnswerTest {

    private static final Duration WAIT = Duration.ofSeconds(8);

    private ChainGateway gateway;

    @AfterEach
    void close() {
        gateway.close();
    }

    static Stream<Arguments> notAnswers() {
        return Stream.of(
                Arguments.of("a portal page", Reply.raw(200, "text/html", "<html>Sign in, token=SECRET-PORTAL</html>"),
                        "upstream_protocol_error"),
                Arguments.of("a redirect", Reply.raw(302, "text/html", "<a>moved</a>")
                        .header("Location", "https://login.example.com/?session=SECRET-PORTAL"), "upstream_rejected"),
                Arguments.of("a permanent redirect", Reply.raw(308, "text/plain", ""), "upstream_rejected"),
                Arguments.of("405", Reply.error(405, "method_not_allowed", "GET only SECRET-PORTAL"), "upstream_rejected"),
                Arguments.of("413", Reply.error(413, "too_large", "Body too large SECRET-PORTAL"), "upstream_rejected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnswers")
    void theChainMovesOnWithoutRetrying(String what, Reply reply, String code) {
        gateway = new ChainGateway();
        gateway.a.byDefault(reply);
        gateway.b.byDefault(Reply.stream("From", " b."));
        try (LogCapture logs = LogCapture.install()) {
            RecordingChannel channel = gateway.post(ask("default", true)).await(WAIT);

            assertThat(channel.eventNames()).endsWith("usage", "done");
            assertThat(channel.deltaText()).isEqualTo("From b.");
            assertThat(gateway.a.callCount()).as("not retried").isEqualTo(1);
            assertThat(gateway.usage.awaitFirst(WAIT).fallback()).isTrue();
            String hint = what.equals("413") ? "too large" : "chatroute.providers.a.base-url";
            assertThat(logs.all()).contains("a/model-1").contains(hint).doesNotContain("SECRET-PORTAL");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnswers")
    void aloneItEndsTheCallWith502(String what, Reply reply, String code) {
        gateway = new ChainGateway();
        gateway.a.byDefault(reply);

        RecordingChannel plain = gateway.post(ask("solo", false)).await(WAIT);
        RecordingChannel stream = gateway.post(ask("solo", true)).await(WAIT);

        assertThat(plain.status()).isEqualTo(502);
        JsonNode error = plain.body().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(plain.json()).doesNotContain("SECRET-PORTAL");
        assertThat(stream.eventNames()).containsExactly("meta", "error");
        assertThat(stream.event("error").json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(gateway.a.callCount()).as("one try per call").isEqualTo(2);
    }
}
