package dev.chatroute.profiles;

import static dev.chatroute.profiles.Replays.assertCompleted;
import static dev.chatroute.profiles.Replays.replay;
import static dev.chatroute.profiles.Replays.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chunk shapes that some servers send and that must not end or fail an answer. */
class ParserEdgeCaseReplayTest {

    private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",";

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aNullErrorFieldOnEveryChunkIsNoError() {
        gateway = FakeGateway.start();
        gateway.fake().enqueue(stream(
                CHUNK + "\"error\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Fine\"},\"finish_reason\":null}]}",
                CHUNK + "\"error\":null,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertThat(channel.deltaText()).isEqualTo("Fine");
        assertCompleted(channel, "stop");
    }

    @Test
    void anEmptyFinishReasonDoesNotMakeACutStreamLookComplete() {
        gateway = FakeGateway.start();
        gateway.fake().enqueue(stream(
                CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half an ans\"},\"finish_reason\":\"\"}]}"));

        RecordingChannel channel = replay(gateway);

        assertThat(channel.eventNames()).doesNotContain("done").endsWith("error");
    }
}
