package dev.chatroute.routing;

import static dev.chatroute.routing.ChainGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.internal.routing.RetryBudget;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Retries are a bounded share of a provider's calls, so an outage cannot multiply its load. */
class RetryBudgetTest {

    @Test
    void aSustainedOutageGetsOnlyTheBudgetedRetries() {
        try (ChainGateway gateway = new ChainGateway("chatroute.retry.budget-ratio=0.1",
                "chatroute.retry.budget-min-retries=2", "chatroute.circuit-breaker.failure-threshold=1000")) {
            gateway.a.byDefault(Reply.error(503, "overloaded", "busy"));

            for (int i = 0; i < 20; i++) {
                assertThat(gateway.post(ask("solo", false)).await(Duration.ofSeconds(5)).status()).isEqualTo(503);
            }

            // Without a budget: 20 calls x 3 tries = 60. With it: 20 + 2 + 10% of 20.
            assertThat(gateway.a.callCount()).isLessThanOrEqualTo(24).isGreaterThanOrEqualTo(22);
        }
    }

    @Test
    void theBudgetRefillsAsTheWindowSlides() {
        AtomicLong now = new AtomicLong();
        RetryBudget budget = new RetryBudget(0.5, 1, Duration.ofSeconds(10), now::get);
        budget.recordCall();
        budget.recordCall();

        assertThat(budget.tryRetry()).isTrue();  // 1 + 0.5 * 2 = 2 allowed
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();

        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(budget.tryRetry()).as("the minimum comes back with the window").isTrue();
        assertThat(budget.tryRetry()).isFalse();
    }
}
