package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * chatroute.providers.&lt;name&gt;.prices on the real sample, both routes: the usage line says what the
 * call cost, with the provider's cached and reasoning tokens.
 */
class CostContractTest {

    abstract static class Priced extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("chatroute.providers.fake.prices", "fake-model=2.00/8.00/0.50, *=1.00/3.00");
            return s;
        }

        @Test
        void aStreamedCallsUsageLineShowsItsCost() {
            fake.enqueue(Reply.stream("a", "b", "c").promptTokens(400_000).cachedTokens(100_000).reasoningTokens(2));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":true}");

            assertThat(answer.eventNames()).endsWith("usage", "done");
            // 300,000 × 2.00 + 100,000 × 0.50 + 3 × 8.00, per million
            awaitLog("requestId=" + answer.header("X-Request-Id"));
            assertThat(usageLine(answer)).contains("inputTokens=400000 outputTokens=3 cachedInputTokens=100000 "
                    + "reasoningTokens=2 costUsd=0.650024 ");
        }

        @Test
        void aJsonCallsUsageLineShowsItsCost() {
            fake.enqueue(Reply.json("Hello").promptTokens(1000));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":false}");

            assertThat(answer.status()).isEqualTo(200);
            awaitLog("requestId=" + answer.header("X-Request-Id"));
            assertThat(usageLine(answer)).contains("costUsd=0.002008 "); // 1000 × 2.00 + 1 × 8.00
        }

        private String usageLine(Answer answer) {
            return logs.lines().stream().filter(l -> l.startsWith("dev.chatroute.usage ")
                    && l.contains("requestId=" + answer.header("X-Request-Id"))).findFirst().orElseThrow();
        }
    }

    @Nested
    class PricedOnTheJaxrsRoute extends Priced {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class PricedOnTheServletRoute extends Priced {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }
}
