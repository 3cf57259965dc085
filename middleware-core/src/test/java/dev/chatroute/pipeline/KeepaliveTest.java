package dev.chatroute.pipeline;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.Outcome;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keepalive comments hold an open stream while the provider thinks, and reveal a departed client. */
class KeepaliveTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeGateway gateway = FakeGateway.start("chatroute.stream.keepalive=100ms");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aStreamCarriesKeepaliveCommentsWhileTheProviderThinks() {
        gateway.fake().enqueue(Reply.stream("Hel", "lo").firstDelay(Duration.ofMillis(500)));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        List<String> transcript = channel.transcript();
        assertThat(transcript.get(0)).isEqualTo("event:meta");
        assertThat(transcript.subList(0, transcript.indexOf("event:delta"))).contains(": keepalive");
        assertThat(channel.eventNames()).endsWith("usage", "done");
        assertThat(channel.deltaText()).isEqualTo("Hello");
    }

    @Test
    void aClientGoneBeforeTheFirstTokenIsNoticedByAFailedKeepalive() {
        gateway.fake().enqueue(Reply.hang());
        RecordingChannel channel = new RecordingChannel().failAfter(1); // meta goes through, nothing after

        gateway.serve(TestCall.post(ask("Hi", true)), channel);

        assertThat(gateway.usage().awaitFirst(WAIT).outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        gateway.fake().lastCall().awaitClientClose(Duration.ofSeconds(1));
    }

    @Test
    void aNonStreamingCallSendsNoKeepalives() {
        gateway.fake().enqueue(Reply.json("Hello").firstDelay(Duration.ofMillis(400)));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.comments()).isEmpty();
    }
}
