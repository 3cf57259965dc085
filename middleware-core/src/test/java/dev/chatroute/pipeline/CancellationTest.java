package dev.chatroute.pipeline;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Exchange;
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
 * A client that leaves, told by the adapter ({@link Exchange#cancel()}) or noticed on a failed
 * write, cancels the provider call within a second and is recorded as such.
 */
class CancellationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    private final FakeGateway gateway = FakeGateway.start();

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void cancellingMidStreamClosesTheProviderConnectionAndCountsTheDeliveredTokens() {
        gateway.fake().enqueue(Reply.words(500).gap(Duration.ofMillis(10)));
        RecordingChannel channel = new RecordingChannel();
        Exchange exchange = gateway.serve(TestCall.post(ask("Hi", true)), channel);
        await().atMost(WAIT).until(() -> channel.eventNames().size() >= 4);

        exchange.cancel();

        gateway.fake().lastCall().awaitClientClose(WITHIN_A_SECOND);
        assertThat(channel.finished()).isTrue();
        assertThat(channel.eventNames()).doesNotContain("done", "usage");
        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(record.usage().outputTokens()).isGreaterThanOrEqualTo(channel.eventNames().size() - 1);
        assertThat(record.usageEstimated()).isTrue();
        assertThat(gateway.usage().all()).hasSize(1);
    }

    @Test
    void cancellingAStreamWhileTheProviderHangsClosesItsConnection() {
        gateway.fake().enqueue(Reply.hang());
        RecordingChannel channel = new RecordingChannel();
        Exchange exchange = gateway.serve(TestCall.post(ask("Hi", true)), channel);
        await().atMost(WAIT).until(() -> gateway.fake().callCount() == 1);

        exchange.cancel();

        gateway.fake().lastCall().awaitClientClose(WITHIN_A_SECOND);
        assertThat(channel.eventNames()).containsExactly("meta");
        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(record.usage().outputTokens()).isZero();
    }

    @Test
    void cancellingANonStreamingCallWhileTheProviderHangsClosesItsConnectionAndAnswersNothing() {
        gateway.fake().enqueue(Reply.hang());
        RecordingChannel channel = new RecordingChannel();
        Exchange exchange = gateway.serve(TestCall.post(ask("Hi", false)), channel);
        await().atMost(WAIT).until(() -> gateway.fake().callCount() == 1);

        exchange.cancel();

        gateway.fake().lastCall().awaitClientClose(WITHIN_A_SECOND);
        assertThat(gateway.usage().awaitFirst(WAIT).outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(channel.json()).isNull();
        assertThat(channel.aborted()).as("the response is ended, so the container lets the request go").isTrue();
        assertThat(channel.status()).isZero();
    }

    @Test
    void aWriteThatFailsBecauseTheClientLeftCancelsTheProviderCall() {
        gateway.fake().enqueue(Reply.words(500).gap(Duration.ofMillis(10)));
        RecordingChannel channel = new RecordingChannel().failAfter(3);

        gateway.serve(TestCall.post(ask("Hi", true)), channel);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        gateway.fake().lastCall().awaitClientClose(WITHIN_A_SECOND);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(record.status()).isEqualTo(499);
        assertThat(record.errorCode()).isEqualTo("client_disconnected");
        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta");
        assertThat(record.usage().outputTokens()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void cancellingAnAnsweredCallChangesNothing() {
        gateway.fake().enqueue(Reply.stream("Done."));
        RecordingChannel channel = new RecordingChannel();
        Exchange exchange = gateway.serve(TestCall.post(ask("Hi", true)), channel);
        channel.await(WAIT);

        exchange.cancel();

        gateway.usage().awaitFirst(WAIT); // the record follows the answer's last byte
        assertThat(gateway.usage().all()).singleElement()
                .extracting(UsageRecord::outcome).isEqualTo(Outcome.COMPLETED);
    }
}
