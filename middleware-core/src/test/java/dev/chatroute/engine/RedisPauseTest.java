package dev.chatroute.engine;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Outcome;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.ManualScheduler;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.RedisServer;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redis stops answering while calls end: the answers still go out at once and other calls'
 * timeouts fire when due (settlement never runs on a call's progress or a timer), and no permit is
 * lost: once Redis is back, the user's concurrency permits are all there again.
 */
class RedisPauseTest {

    /** Far longer than any wait below: an answer that waited on Redis could not arrive in time. */
    private static final String REDIS_TIMEOUT = "20s";
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @Test
    void callsEndAndTimeoutsFireWhileRedisIsPausedAndNoPermitIsLost() {
        ManualScheduler time = new ManualScheduler();
        try (RedisServer redis = RedisServer.start();
                FakeGateway gateway = FakeGateway.start(time, "chatroute.limits.store=redis",
                        "chatroute.limits.redis.uri=" + redis.uri(), "chatroute.limits.redis.timeout=" + REDIS_TIMEOUT,
                        "chatroute.limits.concurrent-streams=2", "chatroute.limits.requests-per-minute=off",
                        "chatroute.timeouts.first-token=2s")) {
            gateway.fake().enqueue(Reply.stream("Hello").hangAfter(1), Reply.hang());
            RecordingChannel answering = gateway.serve(TestCall.post(ask("Hi", true)));
            // The fake hands out its replies in the order calls reach it: the second call waits for the first.
            await().atMost(PROMPTLY).until(() -> gateway.fake().callCount() == 1);
            RecordingChannel waiting = new RecordingChannel();
            gateway.serve(TestCall.post(ask("Hi", false)), waiting);
            await().atMost(PROMPTLY).until(() -> gateway.fake().callCount() == 2
                    && answering.eventNames().contains("delta"));
            assertThat(gateway.post(ask("Hi", false)).status()).as("both permits are taken").isEqualTo(429);

            redis.pause();
            try {
                answering.clientGone(); // the first call ends: its permit goes back while Redis sleeps
                time.advance(Duration.ofSeconds(2)); // the second call's first-token timeout falls due

                await().atMost(PROMPTLY).until(() -> gateway.usage().all().size() >= 3);
                assertThat(waiting.await(PROMPTLY).status()).isEqualTo(504);
                assertThat(gateway.usage().all()).extracting(r -> r.outcome())
                        .contains(Outcome.CLIENT_CANCELLED, Outcome.FAILED);
            } finally {
                redis.resume();
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                gateway.fake().byDefault(Reply.hang());
                RecordingChannel first = new RecordingChannel();
                RecordingChannel second = new RecordingChannel();
                var a = gateway.serve(TestCall.post(ask("Hi", false)), first);
                var b = gateway.serve(TestCall.post(ask("Hi", false)), second);
                try {
                    assertThat(first.finished() || second.finished()).as("both admitted again").isFalse();
                } finally {
                    a.cancel();
                    b.cancel();
                }
            });
        }
    }
}
