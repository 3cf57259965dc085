package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first-token, idle and total timeouts end a call with the contract's 504, and close the
 * provider's connection so that it stops generating.
 */
class TimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration CLOSE = Duration.ofSeconds(1);

    private FakeGateway gateway;

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aProviderThatNeverAnswersTimesOutWith504() {
        gateway = FakeGateway.start("chatroute.timeouts.first-token=300ms");
        gateway.fake().enqueue(Reply.hang());

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(504);
        JsonNode error = channel.body().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_timeout");
        assertThat(error.path("message").asText()).contains("first token");
        gateway.fake().lastCall().awaitClientClose(CLOSE);
    }

    @Test
    void aStreamWhoseProviderNeverAnswersEndsWithATimeoutErrorEvent() {
        gateway = FakeGateway.start("chatroute.timeouts.first-token=300ms");
        gateway.fake().enqueue(Reply.hang());

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "error");
        assertThat(channel.event("error").json().path("error").path("type").asText()).isEqualTo("upstream_timeout");
        gateway.fake().lastCall().awaitClientClose(CLOSE);
    }

    @Test
    void aStreamThatGoesQuietMidAnswerEndsWithAnIdleTimeoutError() {
        gateway = FakeGateway.start("chatroute.timeouts.idle=300ms");
        gateway.fake().enqueue(Reply.words(5).hangAfter(2));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "error");
        JsonNode error = channel.event("error").json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_timeout");
        assertThat(error.path("message").asText()).contains("sent nothing for 300ms");
        gateway.fake().lastCall().awaitClientClose(CLOSE);
    }

    @Test
    void aSlowButSteadyStreamIsNotCutByTheIdleTimeout() {
        // 8 chunks 100ms apart: the stream lasts twice the idle limit, but no gap comes near it.
        gateway = FakeGateway.start("chatroute.timeouts.idle=400ms");
        gateway.fake().enqueue(Reply.words(8).gap(Duration.ofMillis(100)));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).endsWith("usage", "done");
        assertThat(channel.deltaText()).isEqualTo("w0 w1 w2 w3 w4 w5 w6 w7 ");
    }

    @Test
    void aStreamThatRunsPastTheTotalTimeoutEndsWithATimeoutError() {
        gateway = FakeGateway.start("chatroute.timeouts.total=500ms");
        gateway.fake().enqueue(Reply.words(200).gap(Duration.ofMillis(20)));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).startsWith("meta", "delta").endsWith("error").doesNotContain("done");
        JsonNode error = channel.event("error").json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_timeout");
        assertThat(error.path("message").asText()).contains("within 500ms");
        gateway.fake().lastCall().awaitClientClose(CLOSE);
    }

    @Test
    void aNonStreamingCallPastTheTotalTimeoutIsA504() {
        gateway = FakeGateway.start("chatroute.timeouts.total=400ms");
        gateway.fake().enqueue(Reply.json("late").firstDelay(Duration.ofSeconds(3)));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(504);
        assertThat(channel.body().path("error").path("code").asText()).isEqualTo("upstream_timeout");
        gateway.fake().lastCall().awaitClientClose(CLOSE);
    }
}
