package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A provider that misbehaves, seen by the client on both routes: an answer that goes past
 * {@code max_tokens} ends with {@code "finishReason":"length"} and its provider is cancelled; a
 * portal page, a line past the cap and a redirect are 502 {@code upstream_error}.
 */
class UpstreamCapsContractTest {

    @Nested
    class OnTheJaxrsRoute extends UpstreamCaps {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends UpstreamCaps {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class UpstreamCaps extends ChatRouteContract {

        private static final Duration WAIT = Duration.ofSeconds(5);

        @Test
        void aStreamThatGoesOnPastMaxTokensEndsWithLengthAndItsProviderIsCancelled() {
            fake.enqueue(Reply.endless());

            Answer answer = client.post("{\"userMessage\":\"Count\",\"stream\":true,\"max_tokens\":16}");

            assertThat(answer.eventNames()).startsWith("meta", "delta").endsWith("usage", "done");
            assertThat(answer.event("done").path("finishReason").asText()).isEqualTo("length");
            assertThat(answer.event("usage").path("outputTokens").asInt()).isEqualTo(16);
            assertThat(answer.streamedText()).startsWith("w0 w1 ");
            fake.lastCall().awaitClientClose(WAIT);
        }

        @Test
        void aJsonAnswerIsCutTheSameWay() {
            fake.enqueue(Reply.endless());

            Answer answer = client.post("{\"userMessage\":\"Count\",\"max_tokens\":16}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("finishReason").asText()).isEqualTo("length");
            assertThat(answer.json().path("usage").path("outputTokens").asInt()).isEqualTo(16);
            fake.lastCall().awaitClientClose(WAIT);
        }

        @Test
        void aPortalPageIsA502() {
            fake.enqueue(Reply.raw(200, "text/html", "<html>Sign in to continue</html>"));

            Answer answer = client.post("{\"userMessage\":\"Hi\"}");

            assertError(answer, 502, "upstream_error", "upstream_protocol_error");
            assertThat(answer.body()).doesNotContain("Sign in");
        }

        @Test
        void aStreamLinePastTheCapIsA502AndItsConnectionClosed() {
            fake.enqueue(Reply.flood(200, "text/event-stream", "data: {\"choices\":[{\"delta\":{\"content\":\"",
                    200L << 20));

            Answer answer = client.post("{\"userMessage\":\"Hi\"}");

            assertError(answer, 502, "upstream_error", "upstream_protocol_error");
            fake.lastCall().awaitClientClose(WAIT);
            assertThat(fake.lastCall().bytesSent()).isLessThan(200L << 20);
        }

        @Test
        void aRedirectIsA502() {
            fake.enqueue(Reply.raw(302, "text/html", "").header("Location", "https://login.example.com/"));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":true}");

            assertThat(answer.eventNames()).containsExactly("meta", "error");
            assertThat(answer.event("error").path("error").path("code").asText()).isEqualTo("upstream_rejected");
        }
    }
}
