package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.Outcome;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A call that ends while a retry is pending (client gone, timeout, shutdown) makes no further call. */
class RoutingCancellationTest {

    private static final Reply SLOW_DOWN = Reply.error(429, "rate_limit_exceeded", "slow").header("retry-after-ms", "600");

    @Test
    void aClientThatLeavesDuringABackoffCancelsThePendingRetry() throws Exception {
        try (ChainGateway gateway = new ChainGateway()) {
            gateway.a.byDefault(SLOW_DOWN);
            RecordingChannel channel = new RecordingChannel();
            var exchange = gateway.chatroute.serve(TestCall.post(ask("default", true)), channel);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> gateway.a.callCount() == 1);

            exchange.cancel();
            Thread.sleep(900);

            assertThat(gateway.a.callCount()).isEqualTo(1);
            assertThat(gateway.b.callCount()).isZero();
            assertThat(gateway.usage.awaitFirst(Duration.ofSeconds(1)).outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        }
    }

    @Test
    void theTotalTimeoutEndsACallWaitingForARetry() throws Exception {
        try (ChainGateway gateway = new ChainGateway("chatroute.timeouts.total=300ms")) {
            gateway.a.byDefault(SLOW_DOWN);

            RecordingChannel channel = gateway.post(ask("default", false)).await(Duration.ofSeconds(2));
            Thread.sleep(600);

            assertThat(channel.status()).isEqualTo(504);
            assertThat(gateway.a.callCount()).isEqualTo(1);
        }
    }

    @Test
    void shuttingDownEndsACallWaitingForARetry() throws Exception {
        ChainGateway gateway = new ChainGateway();
        gateway.a.byDefault(SLOW_DOWN);
        RecordingChannel channel = gateway.post(ask("default", false));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> gateway.a.callCount() == 1);

        gateway.chatroute.close();
        channel.await(Duration.ofSeconds(1));
        Thread.sleep(800);

        assertThat(channel.status()).isEqualTo(503);
        assertThat(gateway.a.callCount()).isEqualTo(1);
        gateway.close();
    }
}
