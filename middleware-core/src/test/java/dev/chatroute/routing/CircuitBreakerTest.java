package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A target that keeps failing is skipped without a network call until its circuit lets a trial through. */
class CircuitBreakerTest {

    private static final Duration WAIT = Duration.ofSeconds(8);

    private final ChainGateway gateway = new ChainGateway("chatroute.retry.max-attempts=1",
            "chatroute.circuit-breaker.failure-threshold=3", "chatroute.circuit-breaker.delay=500ms");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void theCircuitOpensAfterTheThresholdAnswers503WithRetryAfterAndClosesAfterTheDelay() {
        gateway.a.byDefault(Reply.error(500, "server_error", "down"));
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(503);
        }
        assertThat(gateway.a.callCount()).isEqualTo(3);

        RecordingChannel open = gateway.post(ask("solo", false)).await(WAIT);
        RecordingChannel openStream = gateway.post(ask("solo", true)).await(WAIT);

        assertThat(gateway.a.callCount()).as("no call while open").isEqualTo(3);
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.body().path("error").path("type").asText()).isEqualTo("upstream_unavailable");
        assertThat(open.headers()).containsEntry("Retry-After", "1");
        assertThat(openStream.eventNames()).containsExactly("meta", "error");

        gateway.a.byDefault(Reply.json("Back."));
        await().pollDelay(Duration.ofMillis(550)).atMost(WAIT).untilAsserted(() ->
                assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(200));
        assertThat(gateway.post(ask("solo", false)).await(WAIT).status()).isEqualTo(200);
        assertThat(gateway.a.callCount()).isEqualTo(5);
    }

    @Test
    void anOpenPrimaryIsSkippedAndTheSecondaryAnswers() {
        gateway.a.byDefault(Reply.error(503, "overloaded", "busy"));
        gateway.b.byDefault(Reply.json("From b."));
        for (int i = 0; i < 3; i++) {
            gateway.post(ask("default", false)).await(WAIT);
        }
        int bCalls = gateway.b.callCount();

        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.body().path("text").asText()).isEqualTo("From b.");
        assertThat(gateway.a.callCount()).isEqualTo(3);
        assertThat(gateway.b.callCount()).isEqualTo(bCalls + 1);
    }

    @Test
    void aRequestTheProviderFoundBadDoesNotOpenTheCircuit() {
        gateway.a.byDefault(Reply.error(400, "invalid_request_error", "bad"));
        for (int i = 0; i < 5; i++) {
            gateway.post(ask("solo", false)).await(WAIT);
        }
        assertThat(gateway.a.callCount()).isEqualTo(5);
    }
}
