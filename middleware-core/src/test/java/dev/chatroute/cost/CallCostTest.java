package dev.chatroute.cost;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Exchange;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.pipeline.LoggingUsageListener;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every usage record says what its call cost, from the provider's prices: streamed, JSON, cancelled
 * and failed calls alike, with cached input at its own price.
 */
class CallCostTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PRICES = "chatroute.providers.f.prices=";

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aStreamedCallCostsItsInputCachedInputAndOutputEachAtItsPrice() {
        gateway = FakeGateway.start(PRICES + "other=9/9, " + FakeGateway.MODEL + "=2.00/8.00/0.50");
        gateway.fake().enqueue(Reply.stream("a", "b", "c").promptTokens(400_000).cachedTokens(100_000)
                .reasoningTokens(2));

        gateway.post(ask("Hi", true)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.usage()).isEqualTo(new Usage(400_000, 3, 100_000, 2));
        // 300,000 × 2.00 + 100,000 × 0.50 + 3 × 8.00, per million
        assertThat(record.costUsd()).isEqualByComparingTo("0.650024");
        assertThat(record.costEstimated()).isFalse();
    }

    @Test
    void withoutACachedPriceCachedInputCostsTheInputPrice() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");
        gateway.fake().enqueue(Reply.json("Hello").promptTokens(1000).cachedTokens(400));

        gateway.post(ask("Hi", false)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.usage().cachedInputTokens()).isEqualTo(400);
        assertThat(record.costUsd()).isEqualByComparingTo("0.001003"); // 1000 × 1.00 + 1 × 3.00
    }

    @Test
    void aCallWithoutProviderUsageIsCostedOnTheEstimateAndSaysSo() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");
        gateway.fake().enqueue(Reply.json("Some words to count").withoutUsage());

        gateway.post(ask("Hi", false)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.usageEstimated()).isTrue();
        assertThat(record.costEstimated()).isTrue();
        assertThat(record.costUsd()).isEqualByComparingTo(perMillion(
                record.usage().inputTokens() * 1.00 + record.usage().outputTokens() * 3.00));
    }

    @Test
    void aCachedCountThatCannotBeTrueIsNotBelievedAndTheCallIsCostedOnTheEstimate() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");
        gateway.fake().enqueue(Reply.json("Hello").promptTokens(1000).cachedTokens(-5));

        gateway.post(ask("Hi", false)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.usageEstimated()).isTrue();
        assertThat(record.costEstimated()).isTrue();
        assertThat(record.usage().cachedInputTokens()).isZero();
    }

    @Test
    void moreCachedTokensThanInputAreCountedAsAllOfTheInputNeverAsANegativeRest() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00/0.10");
        gateway.fake().enqueue(Reply.json("Hello").promptTokens(1000).cachedTokens(5000));

        gateway.post(ask("Hi", false)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.usage().cachedInputTokens()).isEqualTo(1000);
        assertThat(record.costUsd()).isEqualByComparingTo("0.000103"); // 1000 × 0.10 + 1 × 3.00
    }

    @Test
    void aCancelledStreamCostsWhatWasGeneratedBeforeTheClientLeft() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");
        gateway.fake().enqueue(Reply.words(500).gap(Duration.ofMillis(10)));
        RecordingChannel channel = new RecordingChannel();
        Exchange exchange = gateway.serve(TestCall.post(ask("Hi", true)), channel);
        await().atMost(WAIT).until(() -> channel.eventNames().size() >= 4);

        exchange.cancel();

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(record.usage().outputTokens()).isPositive();
        assertThat(record.costEstimated()).isTrue();
        assertThat(record.costUsd()).isEqualByComparingTo(perMillion(
                record.usage().inputTokens() * 1.00 + record.usage().outputTokens() * 3.00));
    }

    @Test
    void aCallThatFailedBeforeAnyTextCostsNothing() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");
        gateway.fake().enqueue(Reply.error(500, "server_error", "boom"));

        gateway.post(ask("Hi", true)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.costUsd()).isZero();
    }

    @Test
    void aStreamCutAfterTextCostsWhatWasDelivered() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");
        gateway.fake().enqueue(Reply.words(5).cutAfter(3));

        gateway.post(ask("Hi", true)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.usage().outputTokens()).isPositive();
        assertThat(record.costUsd()).isEqualByComparingTo(perMillion(
                record.usage().inputTokens() * 1.00 + record.usage().outputTokens() * 3.00));
    }

    @Test
    void aRefusedCallCostsNothing() {
        gateway = FakeGateway.start(PRICES + "*=1.00/3.00");

        gateway.post("{\"userMessage\":\"\"}").await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(record.costUsd()).isZero();
        assertThat(record.costEstimated()).isFalse();
    }

    @Test
    void aModelWithoutAPriceCostsNothingAndIsWarnedOfOnce() {
        gateway = FakeGateway.start(PRICES + "other-model=1.00/3.00");
        try (LogCapture logs = LogCapture.install()) {
            for (int i = 0; i < 2; i++) {
                gateway.fake().enqueue(Reply.json("Hello"));
                gateway.post(ask("Hi", false)).await(WAIT);
            }

            await().atMost(WAIT).until(() -> gateway.usage().all().size() == 2);
            assertThat(gateway.usage().all()).allSatisfy(r -> assertThat(r.costUsd()).isZero());
            assertThat(logs.lines()).filteredOn(l -> l.contains("has no price for model '" + FakeGateway.MODEL + "'"))
                    .hasSize(1);
        }
    }

    @Test
    void aProviderWithoutPricesCostsNothingSilently() {
        gateway = FakeGateway.start();
        try (LogCapture logs = LogCapture.install()) {
            gateway.fake().enqueue(Reply.json("Hello"));
            gateway.post(ask("Hi", false)).await(WAIT);

            assertThat(gateway.usage().awaitFirst(WAIT).costUsd()).isZero();
            assertThat(logs.all()).doesNotContain("has no price");
        }
    }

    @Test
    void theUsageLineShowsTheCostAndTheCachedAndReasoningTokens() {
        gateway = FakeGateway.start(PRICES + FakeGateway.MODEL + "=2.00/8.00/0.50");
        gateway.fake().enqueue(Reply.stream("a", "b", "c").promptTokens(400_000).cachedTokens(100_000)
                .reasoningTokens(2));
        gateway.post(ask("Hi", true)).await(WAIT);
        UsageRecord record = gateway.usage().awaitFirst(WAIT);

        try (LogCapture logs = LogCapture.install()) {
            new LoggingUsageListener().onUsage(record);

            assertThat(logs.all()).contains("inputTokens=400000 outputTokens=3 cachedInputTokens=100000 "
                    + "reasoningTokens=2 costUsd=0.650024 ");
        }
    }

    private static BigDecimal perMillion(double dollarsPerMillion) {
        return BigDecimal.valueOf(dollarsPerMillion).movePointLeft(6);
    }
}
