package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.chatroute.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Chatroute's own refusals as the official Java client sees them, on both adapters: a caller's
 * request limit is the SDK's {@code RateLimitException} with {@code rate_limit_exceeded} and
 * counts per caller (a client key is a caller of its own), and a spent budget is one with
 * {@code insufficient_quota}, as OpenAI says it.
 */
class JavaSdkLimitsTest {

    @Nested
    class OnTheJaxrsFacade extends Limits {
        @Override
        String base() {
            return "/v1";
        }
    }

    @Nested
    class OnTheServletFacade extends Limits {
        @Override
        String base() {
            return "/servlet/v1";
        }
    }

    abstract static class Limits extends FacadeFixture {

        static final int PER_MINUTE = 3;

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.limits.requests-per-minute", String.valueOf(PER_MINUTE));
            settings.put("chatroute.providers.fake.prices", "fake-model=10000/10000"); // a cent a token
            settings.put("chatroute.output.max-tokens", "100");
            settings.put("chatroute.limits.spend-per-day", "5");
            return settings;
        }

        static ChatCompletionCreateParams hello() {
            return ChatCompletionCreateParams.builder().model("default").addUserMessage("Hello").build();
        }

        @Test
        void aClientOverItsRequestLimitGetsARateLimitExceptionAndOtherCallersDoNot() {
            OpenAIClient client = sdk(CLIENT_KEY);
            for (int i = 0; i < PER_MINUTE; i++) {
                client.chat().completions().create(hello());
            }

            RateLimitException e = catchThrowableOfType(RateLimitException.class,
                    () -> client.chat().completions().create(hello()));

            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.code()).contains("rate_limit_exceeded");
            assertThat(Long.parseLong(e.headers().values("Retry-After").get(0))).isBetween(1L, 60L);
            assertThat(fake.callCount()).isEqualTo(PER_MINUTE);
            awaitLog("user=client:reports");
            assertThat(sdk(ANY_KEY).chat().completions().create(hello()).choices()).hasSize(1);
        }

        @Test
        void aSpentBudgetIsARateLimitExceptionWithInsufficientQuota() {
            OpenAIClient spender = sdkBuilder(ANY_KEY).maxRetries(0).putHeader("X-Test-User", "spender").build();
            for (int i = 0; i < 2; i++) { // each costs about $3: the reservation was less, the rest is charged
                fake.enqueue(Reply.stream("Hello").promptTokens(300));
                spender.chat().completions().create(hello());
            }

            RateLimitException e = catchThrowableOfType(RateLimitException.class,
                    () -> spender.chat().completions().create(hello()));

            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.code()).contains("insufficient_quota");
            assertThat(fake.callCount()).isEqualTo(2);
        }
    }
}
