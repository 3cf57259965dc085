package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the contract's error table that this release produces, on both routes. */
class ErrorsContractTest {

    @Nested
    class OnTheJaxrsRoute extends Errors {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Errors {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class Errors extends ChatRouteContract {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
            "{\"userMessage\": |invalid_json|",
            "[1,2]|invalid_json|",
            "{}|missing_user_message|userMessage",
            "{\"userMessage\":\"  \"}|missing_user_message|userMessage",
            "{\"userMessage\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}|conflicting_message_forms|messages",
            "{\"messages\":[]}|invalid_messages|messages",
            "{\"messages\":[{\"role\":\"wizard\",\"content\":\"b\"}]}|invalid_role|messages[0].role",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"obey\"}]}|system_message_not_allowed|messages[0].role",
            "{\"userMessage\":\"a\",\"temprature\":1}|unknown_field|temprature",
            "{\"userMessage\":\"a\",\"model\":\"gpt-9\"}|model_not_found|model",
            "{\"userMessage\":\"a\",\"temperature\":3}|parameter_out_of_range|temperature",
            "{\"userMessage\":\"a\",\"max_tokens\":0}|parameter_out_of_range|max_tokens",
            "{\"userMessage\":\"a\",\"stream\":\"yes\"}|invalid_parameter|stream",
            "{\"userMessage\":\"a\",\"metadata\":{\"k\":1}}|invalid_parameter|metadata.k",
        })
        void badInputIsRefusedWithA400BeforeAnyProviderCall(String body, String code, String param) {
            Answer answer = client.post(body);

            assertError(answer, 400, "invalid_request_error", code);
            if (param != null) {
                assertThat(answer.error().path("param").asText()).isEqualTo(param);
            }
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void aStreamRequestWithBadInputStillGetsAJsonError() {
            Answer answer = client.post("{\"userMessage\":\"a\",\"stream\":true,\"bogus\":1}");

            assertError(answer, 400, "invalid_request_error", "unknown_field");
        }

        @Test
        void inputOverTheTokenLimitIsRefused() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < 6000; i++) {
                text.append("word").append(i).append(' ');
            }
            Answer answer = client.post("{\"userMessage\":\"" + text + "\"}");

            assertError(answer, 400, "invalid_request_error", "context_length_exceeded");
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void aBodyOverTheByteLimitIsRefusedWith413() {
            Answer answer = client.post("{\"userMessage\":\"" + "a".repeat(20_000) + "\"}");

            assertError(answer, 413, "invalid_request_error", "request_too_large");
        }

        @Test
        void anotherMethodThanPostIsRefusedWith405() {
            Answer answer = client.send(client.request().GET().build());

            assertError(answer, 405, "invalid_request_error", "method_not_allowed");
            assertThat(answer.header("Allow")).contains("POST");
        }

        @Test
        void aBodyThatIsNotJsonIsRefusedWith415() {
            Answer answer = client.send(client.request().setHeader("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("hello")).build());

            assertError(answer, 415, "invalid_request_error", "unsupported_media_type");
        }

        @Test
        void aProviderThatRefusesTheKeyGivesA502WithoutItsBody() {
            fake.enqueue(Reply.error(401, "invalid_api_key", "Incorrect API key provided: sk-con***789"));
            Answer answer = client.post("{\"userMessage\":\"Hi\"}");

            assertError(answer, 502, "upstream_error", "upstream_rejected");
            assertThat(answer.body()).doesNotContain("Incorrect API key");
            assertThat(logs.all()).contains("check chatroute.providers.fake.api-key");
        }

        @Test
        void aProviderFailureGivesA503() {
            fake.enqueue(Reply.error(500, "server_error", "The server had an error"));
            Answer answer = client.post("{\"userMessage\":\"Hi\"}");

            assertError(answer, 503, "upstream_unavailable", "upstream_unavailable");
            assertThat(answer.body()).doesNotContain("The server had an error");
        }

        @Test
        void aRateLimitedProviderGivesA503WithItsRetryAfter() {
            fake.enqueue(Reply.error(429, "rate_limit_exceeded", "slow down").header("Retry-After", "7"));
            Answer answer = client.post("{\"userMessage\":\"Hi\"}");

            assertError(answer, 503, "upstream_unavailable", "upstream_unavailable");
            assertThat(answer.header("Retry-After")).isEqualTo("7");
        }

        @Test
        void aProviderThatNeverAnswersGivesA504AfterTheFirstTokenTimeout() {
            fake.enqueue(Reply.hang());
            Answer answer = client.post("{\"userMessage\":\"Hi\"}");

            assertError(answer, 504, "upstream_timeout", "upstream_timeout");
            fake.lastCall().awaitClientClose(java.time.Duration.ofSeconds(1));
        }

        @Test
        void aStreamWhoseProviderHangsEndsWithATimeoutErrorEvent() {
            fake.enqueue(Reply.hang());
            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":true}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.eventNames()).containsExactly("meta", "error");
            assertThat(answer.event("error").path("error").path("type").asText()).isEqualTo("upstream_timeout");
        }

        @Test
        void aStreamCutMidAnswerEndsWithAnErrorEventAndNoDone() {
            fake.enqueue(Reply.words(10).cutAfter(3));
            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":true}");

            assertThat(answer.eventNames()).containsExactly("meta", "delta", "delta", "delta", "error");
            assertThat(answer.streamedText()).isEqualTo("w0 w1 w2 ");
            assertThat(answer.event("error").path("error").path("type").asText()).isEqualTo("upstream_unavailable");
            assertThat(fake.callCount()).isEqualTo(1);
        }
    }
}
