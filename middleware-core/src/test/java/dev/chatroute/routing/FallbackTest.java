package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.KEY_A;
import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When a target cannot answer, the next one in the chain does, streamed or not. */
class FallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(8);

    private ChainGateway gateway;

    @AfterEach
    void close() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFailingPrimaryIsReplacedByTheSecondary(boolean stream) {
        gateway = new ChainGateway();
        gateway.a.byDefault(Reply.error(500, "server_error", "down"));
        gateway.b.byDefault(Reply.stream("From", " b."));

        RecordingChannel channel = gateway.post(ask("default", stream)).await(WAIT);

        if (stream) {
            assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "usage", "done");
            assertThat(channel.deltaText()).isEqualTo("From b.");
        } else {
            assertThat(channel.status()).isEqualTo(200);
            assertThat(channel.body().path("text").asText()).isEqualTo("From b.");
        }
        assertThat(gateway.a.callCount()).isEqualTo(3);
        assertThat(gateway.b.lastCall().json().path("model").asText()).isEqualTo("model-2");
        assertThat(gateway.usage.awaitFirst(WAIT).fallback()).isTrue();
    }

    @Test
    void aRefusedKeyMovesOnAtOnceAndIsLoggedAsAMisconfigurationWithoutTheKey() {
        gateway = new ChainGateway();
        gateway.a.byDefault(Reply.error(401, "invalid_api_key", "Incorrect API key provided: sk-pri***4242"));
        gateway.b.byDefault(Reply.json("From b."));
        try (LogCapture logs = LogCapture.install()) {
            RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

            assertThat(channel.body().path("text").asText()).isEqualTo("From b.");
            assertThat(gateway.a.callCount()).isEqualTo(1);
            assertThat(logs.all()).contains("a/model-1 is misconfigured").contains("chatroute.providers.a.api-key")
                    .doesNotContain(KEY_A).doesNotContain("4242");
        }
    }

    @Test
    void aRefusedKeyOnASingleTargetIsA502AfterExactlyOneCall() {
        gateway = new ChainGateway();
        gateway.a.byDefault(Reply.error(401, "invalid_api_key", "bad key"));

        RecordingChannel channel = gateway.post(ask("solo", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(channel.body().path("error").path("type").asText()).isEqualTo("upstream_error");
        assertThat(gateway.a.callCount()).isEqualTo(1);
    }

    @Test
    void aHangingChainIsA504WithinTheFirstTokenTimeoutPerTarget() {
        gateway = new ChainGateway("chatroute.timeouts.first-token=300ms");
        gateway.a.byDefault(Reply.hang());
        gateway.b.byDefault(Reply.hang());

        long start = System.nanoTime();
        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(504);
        assertThat(channel.body().path("error").path("type").asText()).isEqualTo("upstream_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2 * (300 + 1000)));
        assertThat(gateway.a.callCount()).as("a hang is not retried").isEqualTo(1);
        gateway.a.lastCall().awaitClientClose(Duration.ofSeconds(1));
        gateway.b.lastCall().awaitClientClose(Duration.ofSeconds(1));
    }

    @Test
    void aHangingPrimaryOnAStreamFallsBackBeforeAnyText() {
        gateway = new ChainGateway("chatroute.timeouts.first-token=300ms");
        gateway.a.byDefault(Reply.hang());
        gateway.b.byDefault(Reply.stream("Late", " but whole."));

        RecordingChannel channel = gateway.post(ask("default", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "usage", "done");
        gateway.a.lastCall().awaitClientClose(Duration.ofSeconds(1));
    }

    @Test
    void everyTargetFailingEndsAStreamWithOneErrorEvent() {
        gateway = new ChainGateway("chatroute.retry.max-attempts=1");
        gateway.a.byDefault(Reply.error(500, "server_error", "down"));
        gateway.b.byDefault(Reply.error(503, "overloaded", "busy"));

        RecordingChannel channel = gateway.post(ask("default", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "error");
        assertThat(channel.event("error").json().path("error").path("type").asText()).isEqualTo("upstream_unavailable");
    }
}
