package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.UsageRecord;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A target is tried again on failures a retry can get past, waiting as the provider asks, and never after text was sent. */
class RetryTest {

    private static final Duration WAIT = Duration.ofSeconds(8);

    private ChainGateway gateway;

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void twoRateLimitsThenSuccessGiveOneAnswerAfterThreeCallsHonouringRetryAfter() {
        gateway = new ChainGateway();
        gateway.a.enqueue(Reply.error(429, "rate_limit_exceeded", "slow").header("Retry-After", "1"),
                Reply.error(429, "rate_limit_exceeded", "slow").header("Retry-After", "1"),
                Reply.stream("Third", " time."));

        long start = System.nanoTime();
        RecordingChannel channel = gateway.post(ask("default", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "usage", "done");
        assertThat(channel.deltaText()).isEqualTo("Third time.");
        assertThat(gateway.a.callCount()).isEqualTo(3);
        assertThat(gateway.b.callCount()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two Retry-After waits").isGreaterThan(Duration.ofMillis(1900));
        UsageRecord record = gateway.usage.awaitFirst(WAIT);
        assertThat(record.retries()).isEqualTo(2);
        assertThat(record.fallback()).isFalse();
        assertThat(record.provider()).isEqualTo("a");
    }

    @Test
    void aRetryAfterInMillisecondsIsHonouredToo() {
        gateway = new ChainGateway();
        gateway.a.enqueue(Reply.error(503, "overloaded", "busy").header("retry-after-ms", "150"), Reply.json("Fine."));

        long start = System.nanoTime();
        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.body().path("text").asText()).isEqualTo("Fine.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(140));
    }

    @Test
    void aRetryAfterLongerThanTheCapMovesOnToTheNextTargetAtOnce() {
        gateway = new ChainGateway("chatroute.retry.max-retry-after=2s");
        gateway.a.byDefault(Reply.error(429, "rate_limit_exceeded", "slow").header("Retry-After", "30"));
        gateway.b.byDefault(Reply.json("From b."));

        long start = System.nanoTime();
        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.body().path("text").asText()).isEqualTo("From b.");
        assertThat(gateway.a.callCount()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 498, 500, 502, 503, 504})
    void aRetryableStatusIsRetriedOnTheSameTarget(int status) {
        gateway = new ChainGateway();
        gateway.a.enqueue(Reply.error(status, "oops", "transient"), Reply.json("Second try."));

        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.body().path("text").asText()).isEqualTo("Second try.");
        assertThat(gateway.a.callCount()).isEqualTo(2);
        assertThat(gateway.b.callCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 422})
    void aRequestTheProviderFoundBadIsNeitherRetriedNorSentElsewhere(int status) {
        gateway = new ChainGateway();
        gateway.a.byDefault(Reply.error(status, "invalid_request_error", "bad"));

        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(channel.body().path("error").path("type").asText()).isEqualTo("upstream_error");
        assertThat(gateway.a.callCount()).isEqualTo(1);
        assertThat(gateway.b.callCount()).isZero();
    }

    @Test
    void retriesStopAtMaxAttemptsThenTheNextTargetAnswers() {
        gateway = new ChainGateway("chatroute.retry.max-attempts=2");
        gateway.a.byDefault(Reply.error(500, "server_error", "down"));
        gateway.b.byDefault(Reply.json("From b."));

        RecordingChannel channel = gateway.post(ask("default", false)).await(WAIT);

        assertThat(channel.body().path("text").asText()).isEqualTo("From b.");
        assertThat(gateway.a.callCount()).isEqualTo(2);
        UsageRecord record = gateway.usage.awaitFirst(WAIT);
        assertThat(record.retries()).isEqualTo(1);
        assertThat(record.fallback()).isTrue();
        assertThat(record.provider()).isEqualTo("b");
        assertThat(record.providerModel()).isEqualTo("model-2");
    }

    @Test
    void aStreamCutAfterSomeDeltasEndsWithAnErrorAndIsNeverRetried() {
        gateway = new ChainGateway();
        gateway.a.enqueue(Reply.words(10).cutAfter(3));

        RecordingChannel channel = gateway.post(ask("default", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "delta", "error");
        assertThat(channel.deltaText()).isEqualTo("w0 w1 w2 ");
        assertThat(gateway.a.callCount()).isEqualTo(1);
        assertThat(gateway.b.callCount()).isZero();
    }

    @Test
    void aStreamCutBeforeAnyDeltaIsRetried() {
        gateway = new ChainGateway();
        gateway.a.enqueue(Reply.words(5).cutAfter(0), Reply.stream("Whole."));

        RecordingChannel channel = gateway.post(ask("default", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "usage", "done");
        assertThat(gateway.a.callCount()).isEqualTo(2);
    }
}
