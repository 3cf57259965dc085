package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Exchange;
import dev.chatroute.testing.ManualScheduler;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A try abandoned before its first token (the client left, the total timeout fired) still reaches
 * the circuit breaker: a half-open trial is freed, so the circuit recovers instead of answering
 * "cooling down" until restart; in a closed circuit it counts nothing against the provider.
 * SmallRye's circuit delay is real time (it takes no clock), so the tests wait for it, briefly.
 */
class AbandonedTrialTest {

    private static final Duration WAIT = Duration.ofSeconds(8);
    private static final String[] CIRCUIT = {"chatroute.retry.max-attempts=1",
        "chatroute.circuit-breaker.failure-threshold=1", "chatroute.circuit-breaker.delay=200ms"};

    @Test
    void aHalfOpenTrialLeftByItsClientFreesTheCircuit() {
        try (ChainGateway gateway = new ChainGateway(CIRCUIT)) {
            openTheCircuit(gateway);
            gateway.a.byDefault(Reply.hang());
            Trial trial = sendUntilTrial(gateway, true);

            trial.exchange().cancel();
            gateway.a.lastCall().awaitClientClose(WAIT);

            assertRecovers(gateway);
        }
    }

    @Test
    void aHalfOpenTrialEndedByTheTotalTimeoutFreesTheCircuit() {
        ManualScheduler time = new ManualScheduler();
        String[] settings = {CIRCUIT[0], CIRCUIT[1], CIRCUIT[2], "chatroute.timeouts.total=10s",
            "chatroute.timeouts.first-token=30s"};
        try (ChainGateway gateway = new ChainGateway(time, settings)) {
            openTheCircuit(gateway);
            gateway.a.byDefault(Reply.hang());
            Trial trial = sendUntilTrial(gateway, false);

            time.advance(Duration.ofSeconds(10));
            assertThat(trial.channel().await(WAIT).status()).isEqualTo(504);

            assertRecovers(gateway);
        }
    }

    @Test
    void inAClosedCircuitAnAbandonedTryCountsNothingAgainstTheProvider() {
        try (ChainGateway gateway = new ChainGateway("chatroute.retry.max-attempts=1",
                "chatroute.circuit-breaker.failure-threshold=2", "chatroute.circuit-breaker.delay=60s")) {
            gateway.a.enqueue(Reply.error(500, "server_error", "down"), Reply.hang(),
                    Reply.error(500, "server_error", "down"), Reply.json("Still here."));
            assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(503);
            RecordingChannel left = new RecordingChannel();
            Exchange exchange = gateway.chatroute.serve(TestCall.post(ask("solo", false)), left);
            await().atMost(WAIT).until(() -> gateway.a.callCount() == 2);
            exchange.cancel();
            gateway.a.lastCall().awaitClientClose(WAIT);
            assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(503);

            // Two failures, but not in a row: the abandoned try between them was no failure.
            assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(200);
            assertThat(gateway.a.callCount()).isEqualTo(4);
        }
    }

    private static void openTheCircuit(ChainGateway gateway) {
        gateway.a.byDefault(Reply.error(500, "server_error", "down"));
        assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(503);
        assertThat(gateway.post(ask("solo", false)).await(WAIT).body().path("error").path("message").asText())
                .contains("cooling down");
        assertThat(gateway.a.callCount()).isEqualTo(1);
    }

    /** A call let through as the half-open trial (earlier ones are refused while the circuit is open). */
    private record Trial(Exchange exchange, RecordingChannel channel) {
    }

    /** Sends calls until one reaches the provider: the circuit's delay is real time, so keep asking. */
    private static Trial sendUntilTrial(ChainGateway gateway, boolean stream) {
        Trial[] trial = new Trial[1];
        await().atMost(WAIT).until(() -> {
            RecordingChannel channel = new RecordingChannel();
            Exchange exchange = gateway.chatroute.serve(TestCall.post(ask("solo", stream)), channel);
            await().atMost(WAIT).until(() -> channel.finished() || gateway.a.callCount() == 2);
            trial[0] = new Trial(exchange, channel);
            return gateway.a.callCount() == 2;
        });
        return trial[0];
    }

    private static void assertRecovers(ChainGateway gateway) {
        gateway.a.byDefault(Reply.json("Back."));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(200));
    }
}
