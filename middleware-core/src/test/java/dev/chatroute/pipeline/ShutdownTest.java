package dev.chatroute.pipeline;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing the gateway (an undeploy) drains it: new calls are refused at once, calls in flight may
 * finish within {@code chatroute.shutdown.grace}, and those still going then are ended with a 503
 * and their providers stopped; every call is recorded.
 */
class ShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeGateway gateway = FakeGateway.start("chatroute.shutdown.grace=300ms");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void closingTheGatewayEndsCallsStillInFlightAfterTheGraceWithA503AndClosesTheirProviderConnections() {
        gateway.fake().enqueue(Reply.words(500).gap(Duration.ofMillis(10)), Reply.hang());
        RecordingChannel streaming = new RecordingChannel();
        RecordingChannel waiting = new RecordingChannel();
        gateway.serve(TestCall.post(ask("Hi", true)), streaming);
        await().atMost(WAIT).until(() -> streaming.eventNames().size() >= 3);
        gateway.serve(TestCall.post(ask("Hi", false)), waiting);
        await().atMost(WAIT).until(() -> gateway.fake().callCount() == 2);

        gateway.chatroute().close();

        assertThat(streaming.finished()).isTrue();
        assertThat(streaming.eventNames()).last().isEqualTo("error");
        JsonNode error = streaming.event("error").json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_unavailable");
        assertThat(error.path("code").asText()).isEqualTo("shutting_down");
        assertThat(waiting.finished()).isTrue();
        assertThat(waiting.status()).isEqualTo(503);
        gateway.fake().calls().get(0).awaitClientClose(Duration.ofSeconds(1));
        gateway.fake().calls().get(1).awaitClientClose(Duration.ofSeconds(1));
        assertThat(gateway.usage().all()).hasSize(2).extracting(UsageRecord::outcome).containsOnly(Outcome.FAILED);
    }

    @Test
    void aCallThatFinishesWithinTheGraceCompletesWhileNewCallsAreRefused() throws Exception {
        try (FakeGateway patient = FakeGateway.start("chatroute.shutdown.grace=10s")) {
            patient.fake().enqueue(Reply.words(20).gap(Duration.ofMillis(50)));
            RecordingChannel live = new RecordingChannel();
            patient.serve(TestCall.post(ask("Hi", true)), live);
            await().atMost(WAIT).until(() -> live.eventNames().contains("delta"));
            Thread closer = new Thread(patient.chatroute()::close);
            closer.start();
            await().atMost(WAIT).until(() -> patient.post(ask("Hi", false)).status() == 503);

            closer.join(WAIT.toMillis());

            assertThat(closer.isAlive()).as("close() returned once the live call ended").isFalse();
            assertThat(live.eventNames()).last().isEqualTo("done");
            assertThat(live.deltaText()).startsWith("w0 w1 ").endsWith("w19 ");
            assertThat(patient.usage().all()).extracting(UsageRecord::outcome).contains(Outcome.COMPLETED);
        }
    }

    @Test
    void aClosedGatewayRefusesNewCallsWith503() {
        gateway.chatroute().close();

        RecordingChannel channel = gateway.post(ask("Hi", false));

        assertThat(channel.status()).isEqualTo(503);
        assertThat(channel.body().path("error").path("code").asText()).isEqualTo("shutting_down");
        assertThat(gateway.fake().callCount()).isZero();
    }
}
