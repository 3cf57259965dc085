package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * chatroute.limits.spend-per-day and spend-per-month on the real sample, both routes: the RateLimit
 * headers carry the budgets in whole cents, and a spent budget answers 429 {@code budget_exceeded}
 * with Retry-After before any provider call.
 */
class BudgetContractTest {

    abstract static class Budgets extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("chatroute.identity", "header");
            s.put("chatroute.providers.fake.prices", "fake-model=10000/10000"); // a cent a token
            s.put("chatroute.output.max-tokens", "100");
            s.put("chatroute.limits.spend-per-day", "5");
            s.put("chatroute.limits.spend-per-month", "100");
            return s;
        }

        Answer chat(String user) {
            return client.post("{\"userMessage\":\"Hi\",\"stream\":true}", "X-Forwarded-User", user);
        }

        @Test
        void theBudgetsAreInTheRateLimitHeadersInWholeCents() {
            Answer answer = chat("cents-" + System.nanoTime());

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("RateLimit-Policy"))
                    .contains("\"spend-day\";q=500;w=86400", "\"spend-month\";q=10000;w=2592000");
            // the call reserved its input and its 100 output tokens at a cent each
            long dayLeft = item(answer.header("RateLimit"), "spend-day");
            assertThat(dayLeft).isBetween(500L - 100 - 50, 500L - 100 - 1);
            assertThat(item(answer.header("RateLimit"), "spend-month")).isEqualTo(10000 - (500 - dayLeft));
        }

        @Test
        void aSpentBudgetIsRefusedWith429BudgetExceededAndRetryAfterBeforeAnyProviderCall() {
            String user = "spender-" + System.nanoTime();
            for (int i = 0; i < 2; i++) { // each costs about $3: the reservation was less, the rest is charged
                fake.enqueue(Reply.stream("Hello").promptTokens(300));
                assertThat(chat(user).status()).isEqualTo(200);
            }
            int calls = fake.callCount();

            Answer refused = chat(user);

            assertError(refused, 429, "rate_limit_error", "budget_exceeded");
            assertThat(refused.error().path("message").asText()).contains("of your budget of $5.00 per day");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            assertThat(refused.header("RateLimit-Policy")).contains("\"spend-day\";q=500;w=86400");
            assertThat(item(refused.header("RateLimit"), "spend-day")).isZero();
            assertThat(refused.header("RateLimit")).contains("\"spend-day\";r=0;t=");
            assertThat(fake.callCount()).isEqualTo(calls);
            // another user's budget is untouched
            assertThat(chat("someone-else-" + System.nanoTime()).status()).isEqualTo(200);
        }

        /** The {@code r} of one item of a RateLimit header. */
        private static long item(String header, String name) {
            for (String part : header.split(",")) {
                String[] params = part.trim().split(";");
                if (params[0].equals("\"" + name + "\"")) {
                    for (String p : params) {
                        if (p.startsWith("r=")) {
                            return Long.parseLong(p.substring(2));
                        }
                    }
                }
            }
            throw new AssertionError("no " + name + " item in " + header);
        }
    }

    @Nested
    class OnTheJaxrsRoute extends Budgets {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Budgets {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }
}
