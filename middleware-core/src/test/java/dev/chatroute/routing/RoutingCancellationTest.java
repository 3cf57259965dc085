package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Outcome;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.ManualScheduler;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call that ends while a retry is pending (client gone, timeout, shutdown) makes no further call.
 * SmallRye's backoff runs on its own timer, so each test waits until that timer fired and the
 * retry was seen dropped (a log line), then counts the provider's calls: nothing is proved by
 * sleeping.
 */
class RoutingCancellationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Reply SLOW_DOWN = Reply.error(429, "rate_limit_exceeded", "slow").header("retry-after-ms", "400");
    private static final String DROPPED = "Dropped a retry of a/model-1";

    @Test
    void aClientThatLeavesDuringABackoffCancelsThePendingRetry() throws Exception {
        try (LogCapture log = LogCapture.install(); ChainGateway gateway = new ChainGateway()) {
            gateway.a.byDefault(SLOW_DOWN);
            RecordingChannel channel = new RecordingChannel();
            var exchange = gateway.chatroute.serve(TestCall.post(ask("default", true)), channel);
            await().atMost(WAIT).until(() -> gateway.a.callCount() == 1);

            exchange.cancel();
            await().atMost(WAIT).until(() -> log.all().contains(DROPPED));

            assertThat(gateway.a.callCount()).isEqualTo(1);
            assertThat(gateway.b.callCount()).isZero();
            assertThat(gateway.usage.awaitFirst(WAIT).outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        }
    }

    @Test
    void theTotalTimeoutEndsACallWaitingForARetry() throws Exception {
        ManualScheduler time = new ManualScheduler();
        try (LogCapture log = LogCapture.install();
                ChainGateway gateway = new ChainGateway(time, "chatroute.timeouts.total=300ms")) {
            gateway.a.byDefault(SLOW_DOWN);
            RecordingChannel channel = gateway.post(ask("default", false));
            await().atMost(WAIT).until(() -> gateway.a.callCount() == 1);

            time.advance(Duration.ofMillis(299));
            assertThat(channel.finished()).as("not before the total timeout").isFalse();
            time.advance(Duration.ofMillis(1));
            channel.await(WAIT);
            await().atMost(WAIT).until(() -> log.all().contains(DROPPED));

            assertThat(channel.status()).isEqualTo(504);
            assertThat(gateway.a.callCount()).isEqualTo(1);
            assertThat(gateway.b.callCount()).isZero();
        }
    }

    @Test
    void shuttingDownEndsACallWaitingForARetry() throws Exception {
        try (LogCapture log = LogCapture.install()) {
            ChainGateway gateway = new ChainGateway("chatroute.shutdown.grace=1ms");
            gateway.a.byDefault(SLOW_DOWN);
            RecordingChannel channel = gateway.post(ask("default", false));
            await().atMost(WAIT).until(() -> gateway.a.callCount() == 1);

            gateway.chatroute.close();
            channel.await(WAIT);
            await().atMost(WAIT).until(() -> log.all().contains(DROPPED));

            assertThat(channel.status()).isEqualTo(503);
            assertThat(gateway.a.callCount()).isEqualTo(1);
            gateway.close();
        }
    }
}
