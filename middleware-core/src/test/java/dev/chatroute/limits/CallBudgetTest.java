package dev.chatroute.limits;

import static dev.chatroute.limits.RateLimitValues.remaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Exchange;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chat calls through the whole pipeline against a spend budget: each reserves its most possible cost
 * at the dearest target of its chain and settles to its usage record's cost, however it ended. Every
 * token costs one cent here, so the budget's RateLimit item (whole cents) shows costs exactly.
 */
class CallBudgetTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CENT_A_TOKEN = "chatroute.providers.f.prices=*=10000/10000";
    private static final String TEN_DOLLARS = "chatroute.limits.spend-per-day=10";

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String ask(boolean stream, int maxTokens) {
        return "{\"userMessage\":\"Hi\",\"stream\":" + stream + ",\"max_tokens\":" + maxTokens + "}";
    }

    /** The cents left of the day's budget as a call's answer shows them (its own reservation taken). */
    private static long centsLeft(RecordingChannel answer) {
        Long left = remaining(answer.headers(), "spend-day");
        assertThat(left).as("the spend-day item of %s", answer.headers()).isNotNull();
        return left;
    }

    private static long cents(BigDecimal usd) {
        return usd.movePointRight(2).longValueExact();
    }

    /** Makes a call whose answer is {@code reply}; returns the cents it cost by the next call's headers. */
    private long settledCents(Reply reply, boolean stream) {
        gateway.fake().enqueue(reply);
        long before = centsLeft(gateway.post(ask(stream, 50)).await(WAIT));
        gateway.fake().enqueue(Reply.json("ok"));
        long after = centsLeft(gateway.post(ask(false, 50)).await(WAIT));
        return before - after;
    }

    @Test
    void aJsonCallReservesItsInputAndWholeOutputCapThenSettlesToItsCost() {
        gateway = FakeGateway.start(CENT_A_TOKEN, TEN_DOLLARS);
        gateway.fake().enqueue(Reply.json("Hello").promptTokens(7));

        RecordingChannel answer = gateway.post(ask(false, 50)).await(WAIT);

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        int estimatedInput = 1000 - 50 - (int) centsLeft(answer); // what was reserved beyond the output cap
        assertThat(estimatedInput).isPositive().isLessThan(50);
        assertThat(record.costUsd()).isEqualByComparingTo("0.08"); // 7 input + 1 output token
        gateway.fake().enqueue(Reply.json("ok"));
        long after = centsLeft(gateway.post(ask(false, 50)).await(WAIT));
        assertThat(after).isEqualTo(1000 - 8 - (estimatedInput + 50));
    }

    @Test
    void aStreamedCallSettlesToItsCost() {
        gateway = FakeGateway.start(CENT_A_TOKEN, TEN_DOLLARS);

        long paid = settledCents(Reply.stream("a", "b", "c").promptTokens(20), true);

        assertThat(paid).isEqualTo(23).isEqualTo(cents(gateway.usage().awaitFirst(WAIT).costUsd()));
    }

    @Test
    void aCancelledStreamPaysForWhatWasGeneratedBeforeTheClientLeft() {
        gateway = FakeGateway.start(CENT_A_TOKEN, TEN_DOLLARS);
        gateway.fake().enqueue(Reply.words(500).gap(Duration.ofMillis(10)));
        RecordingChannel channel = new RecordingChannel();
        Exchange exchange = gateway.serve(TestCall.post(ask(true, 500)), channel);
        await().atMost(WAIT).until(() -> channel.eventNames().size() >= 4);
        long before = centsLeft(channel);

        exchange.cancel();

        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
        assertThat(record.costUsd()).isPositive();
        gateway.fake().enqueue(Reply.json("ok"));
        long after = centsLeft(gateway.post(ask(false, 500)).await(WAIT));
        // the stream's reservation (input + 500) came back but for its cost; the new call reserves the same
        assertThat(before - after).isEqualTo(cents(record.costUsd()));
    }

    @Test
    void aCallThatFailedBeforeAnyTextPaysNothing() {
        gateway = FakeGateway.start(CENT_A_TOKEN, TEN_DOLLARS);

        long paid = settledCents(Reply.error(500, "server_error", "boom"), true);

        assertThat(gateway.usage().awaitFirst(WAIT).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(paid).isZero();
    }

    @Test
    void theReservationIsPricedAtTheDearestTargetOfTheChain() {
        gateway = FakeGateway.start("chatroute.providers.f.prices=cheap=0.01/0.01, dear=10000/10000", TEN_DOLLARS,
                "chatroute.models.default=f/cheap, f/dear");
        gateway.fake().enqueue(Reply.json("Hello").promptTokens(7));

        RecordingChannel answer = gateway.post(ask(false, 50)).await(WAIT);

        assertThat(centsLeft(answer)).isLessThanOrEqualTo(1000 - 50 - 1); // priced as if it went to "dear"
        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.providerModel()).isEqualTo("cheap");
        assertThat(record.costUsd()).isEqualByComparingTo("0.00000008");
    }

    @Test
    void aCallThatWouldGoPastTheBudgetIsRefusedBeforeAnyProviderCall() {
        gateway = FakeGateway.start(CENT_A_TOKEN, "chatroute.limits.spend-per-day=0.40");
        gateway.fake().enqueue(Reply.json("Hello").promptTokens(7));

        RecordingChannel refused = gateway.post(ask(false, 50)).await(WAIT);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused.headers()).containsKey("Retry-After");
        assertThat(gateway.fake().callCount()).isZero();
    }

    @Test
    void aModelWithoutAPriceNeverTripsTheBudget() {
        gateway = FakeGateway.start("chatroute.limits.spend-per-day=0.05");

        for (int i = 0; i < 3; i++) {
            gateway.fake().enqueue(Reply.json("Hello"));
            RecordingChannel answer = gateway.post(ask(false, 50)).await(WAIT);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(centsLeft(answer)).isEqualTo(5); // the budget is shown, in whole cents, and untouched
        }
    }
}
