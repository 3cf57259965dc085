package dev.chatroute.engine;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.ManualScheduler;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call's timers on time the test turns by hand: each fires when due and not a moment before,
 * and a client that stops reading is the client's doing, never a provider timeout.
 */
class TurnedTimeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration MS = Duration.ofMillis(1);

    private final ManualScheduler time = new ManualScheduler();
    private final FakeGateway gateway = FakeGateway.start(time, "chatroute.timeouts.first-token=2s",
            "chatroute.timeouts.idle=3s", "chatroute.timeouts.total=60s", "chatroute.stream.keepalive=10s");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void theFirstTokenTimeoutFiresWhenDueAndNotBefore() {
        gateway.fake().enqueue(Reply.hang());
        RecordingChannel channel = gateway.post(ask("Hi", false));
        await().atMost(WAIT).until(() -> gateway.fake().callCount() == 1);

        time.advance(Duration.ofSeconds(2).minus(MS));
        assertThat(channel.finished()).isFalse();
        time.advance(MS);

        assertThat(channel.await(WAIT).status()).isEqualTo(504);
        assertThat(channel.body().path("error").path("message").asText()).contains("first token within 2s");
        gateway.fake().lastCall().awaitClientClose(WAIT);
    }

    @Test
    void theTotalTimeoutEndsAStreamInTheMiddleOfItsAnswer() {
        gateway.fake().enqueue(Reply.words(100_000).gap(Duration.ofMillis(5)));
        RecordingChannel channel = gateway.serve(TestCall.post(ask("Hi", true)));
        await().atMost(WAIT).until(() -> channel.eventNames().contains("delta"));

        time.advance(Duration.ofSeconds(60));

        channel.await(WAIT);
        assertThat(channel.eventNames()).last().isEqualTo("error");
        assertThat(channel.event("error").json().path("error").path("code").asText()).isEqualTo("upstream_timeout");
        gateway.fake().lastCall().awaitClientClose(WAIT);
    }

    @Test
    void keepalivesFlowEveryIntervalWhileTheProviderThinks() {
        ManualScheduler own = new ManualScheduler();
        try (FakeGateway thinking = FakeGateway.start(own, "chatroute.timeouts.first-token=60s",
                "chatroute.timeouts.total=120s", "chatroute.stream.keepalive=10s")) {
            thinking.fake().enqueue(Reply.hang());
            RecordingChannel channel = thinking.serve(TestCall.post(ask("Hi", true)));
            await().atMost(WAIT).until(() -> thinking.fake().callCount() == 1 && own.pending() == 3);

            own.advance(Duration.ofSeconds(10).minus(MS));
            assertThat(channel.comments()).isEmpty();
            own.advance(MS);
            // The next keepalive is scheduled once this one is written: total, first token, keepalive.
            await().atMost(WAIT).until(() -> channel.comments().size() == 1 && own.pending() == 3);
            own.advance(Duration.ofSeconds(10).minus(MS));
            assertThat(channel.comments()).hasSize(1);
            own.advance(MS);
            await().atMost(WAIT).until(() -> channel.comments().size() == 2);
        }
    }

    @Test
    void aClientThatStopsReadingEndsAsClientCancelledAfterTheIdleTimeoutAndStopsTheProvider() {
        gateway.fake().enqueue(Reply.words(100_000).gap(Duration.ofMillis(2)));
        RecordingChannel channel = gateway.serve(TestCall.post(ask("Hi", true)));
        await().atMost(WAIT).until(() -> channel.eventNames().size() >= 3);
        int armed = time.scheduledCount();

        channel.stopReading();
        await().atMost(WAIT).until(() -> channel.fullWrites() >= 1 && time.scheduledCount() == armed + 1); // stuck timer
        time.advance(Duration.ofSeconds(3).minus(MS));
        assertThat(channel.finished()).as("not before timeouts.idle").isFalse();
        time.advance(MS);

        channel.await(WAIT);
        gateway.fake().lastCall().awaitClientClose(WAIT);
        assertThat(channel.eventNames()).doesNotContain("error", "done");
        assertThat(channel.aborted()).as("the response ended at once, its queue dropped").isTrue();
        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(record.errorCode()).isEqualTo("client_stuck");
        assertThat(record.usage().outputTokens()).isPositive();
    }

    @Test
    void aHeldBackCallAsksTheProviderForNothingMore() {
        gateway.fake().enqueue(Reply.words(100_000).gap(Duration.ofMillis(1)));
        RecordingChannel channel = gateway.serve(TestCall.post(ask("Hi", true)));
        await().atMost(WAIT).until(() -> channel.eventNames().size() >= 3);

        channel.stopReading();
        await().atMost(WAIT).until(() -> channel.fullWrites() >= 1);
        int seen = channel.eventNames().size();
        int sentAtHold = gateway.fake().lastCall().deltasSent();
        // The provider goes on writing into the socket (its buffers take a few hundred kB); a
        // paused call reads none of it, so what the client got stays put while the provider sends on.
        await().atMost(WAIT).until(() -> gateway.fake().lastCall().deltasSent() > sentAtHold + 1000);

        assertThat(channel.eventNames().size() - seen).as("deltas read after the hold").isLessThan(200);
        channel.drain();
        await().atMost(WAIT).until(() -> channel.eventNames().size() > seen + 200);
    }

    @Test
    void aStuckClientThatReadsAgainGetsTheWholeAnswerAndTheIdleTimerDoesNotCountTheHold() {
        gateway.fake().enqueue(Reply.words(100).gap(Duration.ofMillis(20))); // long enough to be caught mid-way
        RecordingChannel channel = gateway.serve(TestCall.post(ask("Hi", true)));
        await().atMost(WAIT).until(() -> channel.eventNames().size() >= 3);
        int armed = time.scheduledCount();

        channel.stopReading();
        await().atMost(WAIT).until(() -> channel.fullWrites() >= 1 && time.scheduledCount() == armed + 1); // stuck timer
        time.advance(Duration.ofSeconds(2)); // held back: the provider is not the one being idle
        channel.drain();
        await().atMost(WAIT).until(() -> time.scheduledCount() == armed + 2); // the idle timer again
        time.advance(Duration.ofSeconds(2)); // 4 s since the hold began, 2 s since the drain

        channel.await(WAIT);
        assertThat(channel.eventNames()).last().isEqualTo("done");
        assertThat(channel.deltaText()).startsWith("w0 ").endsWith("w99 ");
        assertThat(gateway.usage().awaitFirst(WAIT).outcome()).isEqualTo(Outcome.COMPLETED);
    }
}
