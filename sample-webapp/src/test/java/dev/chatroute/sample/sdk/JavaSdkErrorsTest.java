package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The facade's errors as the official Java client surfaces them on both adapters: OpenAI's status
 * and error object become the SDK's own exception classes, and the SDK's retries honour the
 * facade's {@code Retry-After}.
 */
class JavaSdkErrorsTest {

    @Nested
    class OnTheJaxrsFacade extends Errors {
        @Override
        String base() {
            return "/v1";
        }
    }

    @Nested
    class OnTheServletFacade extends Errors {
        @Override
        String base() {
            return "/servlet/v1";
        }
    }

    abstract static class Errors extends FacadeFixture {

        static final int SDK_RETRIES = 2;

        static ChatCompletionCreateParams.Builder hello() {
            return ChatCompletionCreateParams.builder().model("default").addUserMessage("Hello");
        }

        @Test
        void aProvider429IsARateLimitExceptionAfterTheSdksRetriesWaitedAsRetryAfterSaid() {
            fake.byDefault(Reply.error(429, "rate_limit_exceeded", "Slow down").header("Retry-After", "2"));
            OpenAIClient sdk = sdkBuilder(ANY_KEY).maxRetries(SDK_RETRIES).build();

            RateLimitException e = catchThrowableOfType(RateLimitException.class,
                    () -> sdk.chat().completions().create(hello().build()));

            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.code()).contains("rate_limit_exceeded");
            List<String> retryAfter = e.headers().values("Retry-After");
            assertThat(retryAfter).as("Retry-After the SDK saw").hasSize(1);
            long seconds = Long.parseLong(retryAfter.get(0));
            assertThat(seconds).as("a Retry-After the SDK honours").isBetween(1L, 60L);
            List<FacadeRequests.Seen> seen = FacadeRequests.seen();
            assertThat(seen).as("requests that reached the sample").hasSize(SDK_RETRIES + 1);
            assertThat(seen).extracting(FacadeRequests.Seen::retryCount).containsExactly("0", "1", "2");
            assertThat(fake.callCount()).isEqualTo(SDK_RETRIES + 1);
            for (int i = 1; i < seen.size(); i++) {
                // The SDK's own backoff would be 0.5s, then 1s: a gap of Retry-After shows it was honoured.
                Duration gap = Duration.ofNanos(seen.get(i).atNanos() - seen.get(i - 1).atNanos());
                assertThat(gap).as("gap before retry " + i).isGreaterThanOrEqualTo(Duration.ofSeconds(seconds));
            }
        }

        @Test
        void nAbove1IsABadRequestExceptionNamingTheParameter() {
            BadRequestException e = catchThrowableOfType(BadRequestException.class,
                    () -> sdk(ANY_KEY).chat().completions().create(hello().n(2).build()));

            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.type()).contains("invalid_request_error");
            assertThat(e.param()).contains("n");
            assertThat(FacadeRequests.seen()).hasSize(1);
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void anUnknownAliasIsANotFoundExceptionWithModelNotFound() {
            NotFoundException e = catchThrowableOfType(NotFoundException.class,
                    () -> sdk(ANY_KEY).chat().completions().create(hello().model("gpt-nothing").build()));

            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.code()).contains("model_not_found");
            assertThat(fake.callCount()).isZero();
        }
    }
}
