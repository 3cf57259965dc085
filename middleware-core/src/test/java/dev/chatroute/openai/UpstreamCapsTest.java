package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a provider sends is read only up to a bound: a stream line or event (chatroute.upstream.max-line-bytes),
 * a JSON answer (8 MiB), an error body (64 KiB). Past it the connection is closed, long before the
 * provider's 200 MB are through, and the try fails without a retry.
 */
class UpstreamCapsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long HUGE = 200L << 20;
    private static final String DATA_LINE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";

    private FakeGateway gateway = FakeGateway.start("chatroute.retry.max-attempts=3",
            "chatroute.timeouts.total=20s", "chatroute.timeouts.idle=10s");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aStreamLineLongerThanTheLimitFailsTheTryAndClosesTheConnection() {
        gateway.fake().enqueue(Reply.flood(200, "text/event-stream", DATA_LINE, HUGE));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "error");
        assertThat(channel.event("error").json().path("error").path("code").asText())
                .isEqualTo("upstream_protocol_error");
        assertClosedEarly(gateway.fake());
        assertThat(gateway.fake().callCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void theLineLimitIsConfigurable() {
        gateway.close();
        gateway = FakeGateway.start("chatroute.upstream.max-line-bytes=4KiB");
        String longLine = "x".repeat(5000);
        gateway.fake().enqueue(Reply.stream("fits"), Reply.stream(longLine));

        RecordingChannel fits = gateway.post(ask("Hi", true)).await(WAIT);
        RecordingChannel tooLong = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(fits.eventNames()).endsWith("usage", "done");
        assertThat(tooLong.eventNames()).containsExactly("meta", "error");
    }

    @Test
    void anEventOfManyDataLinesCountsAsOne() {
        gateway.close();
        gateway = FakeGateway.start("chatroute.upstream.max-line-bytes=4KiB");
        // Valid JSON spread over data lines (they are joined with newlines), each line short, the event long.
        String padding = ("data: " + " ".repeat(1000) + "\n").repeat(5);
        String event = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]\n"
                + padding + "data: }\n\n";
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", event + "data: [DONE]\n\n"),
                Reply.raw(200, "text/event-stream", event.replace(padding, "") + "data: [DONE]\n\n"));

        RecordingChannel tooLong = gateway.post(ask("Hi", true)).await(WAIT);
        RecordingChannel fits = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(tooLong.eventNames()).containsExactly("meta", "error");
        assertThat(tooLong.event("error").json().path("error").path("code").asText())
                .isEqualTo("upstream_protocol_error");
        assertThat(fits.eventNames()).containsExactly("meta", "delta", "usage", "done");
    }

    @Test
    void aJsonAnswerLargerThan8MiBIsNotReadToItsEnd() {
        gateway.fake().enqueue(Reply.flood(200, "application/json", "{\"choices\":[{\"message\":{\"content\":\"", HUGE));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(channel.body().path("error").path("code").asText()).isEqualTo("upstream_protocol_error");
        assertClosedEarly(gateway.fake());
        assertThat(gateway.fake().callCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void aJsonAnswerThatSaysItIsTooLargeIsNotReadAtAll() {
        gateway.fake().enqueue(Reply.flood(200, "application/json", "{", HUGE).declaringLength());

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertClosedEarly(gateway.fake());
    }

    @Test
    void anErrorBodyIsReadOnlyAsFarAs64KiBAndItsStatusStillCounts() {
        Reply huge500 = Reply.flood(500, "application/json", "{\"error\":{\"message\":\"", HUGE);
        gateway.fake().enqueue(huge500, huge500, huge500,
                Reply.flood(401, "application/json", "{\"error\":{\"message\":\"", HUGE));

        RecordingChannel unavailable = gateway.post(ask("Hi", false)).await(WAIT);
        RecordingChannel refused = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(unavailable.status()).as("a 500, retried as 500s are").isEqualTo(503);
        assertThat(refused.status()).as("a 401, not retried").isEqualTo(502);
        assertThat(gateway.fake().callCount()).isEqualTo(4);
        for (FakeProvider.Call call : gateway.fake().calls()) {
            call.awaitClientClose(WAIT);
            assertThat(call.bytesSent()).isLessThan(HUGE);
        }
    }

    @Test
    void aPortalPageAnsweredWith200IsAFailureThatIsNotRetried() {
        try (LogCapture logs = LogCapture.install()) {
            gateway.fake().enqueue(Reply.raw(200, "text/html; charset=utf-8",
                    "<html><body>Sign in to the guest network</body></html>"));

            RecordingChannel stream = gateway.post(ask("Hi", true)).await(WAIT);

            assertThat(stream.eventNames()).containsExactly("meta", "error");
            JsonNode error = stream.event("error").json().path("error");
            assertThat(error.path("type").asText()).isEqualTo("upstream_error");
            assertThat(error.path("code").asText()).isEqualTo("upstream_protocol_error");
            assertThat(stream.event("error").data()).doesNotContain("guest");
            assertThat(gateway.fake().callCount()).as("not retried").isEqualTo(1);
            assertThat(logs.all()).contains("Content-Type text/html").contains("chatroute.providers.f.base-url");
        }
    }

    @Test
    void aHugePortalPageIsNotReadEither() {
        gateway.fake().enqueue(Reply.flood(200, "text/html", "<html>", HUGE));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(channel.body().path("error").path("code").asText()).isEqualTo("upstream_protocol_error");
        assertClosedEarly(gateway.fake());
    }

    @Test
    void aBodyWithNoContentTypeIsNoAnswer() {
        gateway.fake().enqueue(Reply.raw(200, "", "data: {}\n\n"));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(gateway.fake().callCount()).isEqualTo(1);
    }

    /** The client closed its connection while the provider still had most of its body to send. */
    private static void assertClosedEarly(FakeProvider fake) {
        FakeProvider.Call call = fake.calls().get(0);
        call.awaitClientClose(WAIT);
        assertThat(call.bytesSent()).isLessThan(HUGE);
    }
}
