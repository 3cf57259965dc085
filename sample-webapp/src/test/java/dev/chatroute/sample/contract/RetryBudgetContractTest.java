package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** During a sustained outage, retries stay a small share of the calls, on both routes. */
class RetryBudgetContractTest {

    @Nested
    class OnTheJaxrsRoute extends Budget {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Budget {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class Budget extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("chatroute.retry.max-attempts", "3");
            s.put("chatroute.retry.initial-delay", "10ms");
            s.put("chatroute.retry.max-delay", "20ms");
            s.put("chatroute.retry.budget-ratio", "0.1");
            s.put("chatroute.retry.budget-min-retries", "2");
            s.put("chatroute.retry.budget-window", "1m");
            return s;
        }

        @Test
        void theRetryBudgetCapsExtraCallsDuringAnOutage() {
            fake.byDefault(Reply.error(503, "overloaded", "busy"));

            for (int i = 0; i < 20; i++) {
                assertThat(client.post("{\"userMessage\":\"Hi\"}").status()).isEqualTo(503);
            }

            // 20 calls x 3 tries would be 60; the budget allows 2 + 10% of 20 retries.
            assertThat(fake.callCount()).isBetween(20 + 2, 20 + 4);
        }
    }
}
