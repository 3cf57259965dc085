package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Successful answers, JSON and streamed, on both routes. */
class AnswersContractTest {

    @Nested
    class OnTheJaxrsRoute extends Answers {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Answers {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class Answers extends ChatRouteContract {

        @Test
        void aJsonAnswerCarriesTheTextUsageAndRequestId() {
            fake.enqueue(Reply.json("Paris is the capital of France.").promptTokens(21));
            Answer answer = client.post("{\"userMessage\":\"Capital of France?\"}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            JsonNode json = answer.json();
            assertThat(json.path("text").asText()).isEqualTo("Paris is the capital of France.");
            assertThat(json.path("finishReason").asText()).isEqualTo("stop");
            assertThat(json.path("model").asText()).isEqualTo("default");
            assertThat(json.path("id").asText()).startsWith("chatcmpl-");
            assertThat(json.path("requestId").asText()).isEqualTo(answer.header("X-Request-Id")).isNotBlank();
            assertThat(json.path("usage").path("inputTokens").asInt()).isEqualTo(21);
            assertThat(json.path("usage").path("totalTokens").asInt())
                    .isEqualTo(21 + json.path("usage").path("outputTokens").asInt());
        }

        @Test
        void theProviderGetsTheSystemPromptFirstThenTheConversationAndTheKeyOnlyInItsHeader() {
            client.post("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"And?\"}],"
                    + "\"max_tokens\":50,\"temperature\":0.5}");

            JsonNode sent = fake.lastCall().json();
            assertThat(fake.lastCall().path).isEqualTo("/v1/chat/completions");
            assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(sent.path("model").asText()).isEqualTo("fake-model");
            assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(sent.path("messages").get(3).path("content").asText()).isEqualTo("And?");
            assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
            assertThat(sent.path("temperature").asDouble()).isEqualTo(0.5);
        }

        @Test
        void aStreamSendsMetaDeltasUsageAndDoneWithTheStreamHeaders() {
            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":true}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
            assertThat(answer.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(answer.header("X-Accel-Buffering")).isEqualTo("no");
            assertThat(answer.eventNames()).containsExactly("meta", "delta", "delta", "delta", "delta", "usage", "done");
            assertThat(answer.streamedText()).isEqualTo("Hello from the fake.");
            assertThat(answer.event("meta").path("requestId").asText()).isEqualTo(answer.header("X-Request-Id"));
            assertThat(answer.event("meta").path("model").asText()).isEqualTo("default");
            assertThat(answer.event("usage").path("inputTokens").asInt()).isEqualTo(11);
            assertThat(answer.event("done").path("finishReason").asText()).isEqualTo("stop");
            assertThat(fake.lastCall().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        }

        @Test
        void anAcceptHeaderForEventsAsksForAStreamToo() {
            Answer answer = client.post("{\"userMessage\":\"Hi\"}", "Accept", "text/event-stream");

            assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
            assertThat(answer.streamedText()).isEqualTo("Hello from the fake.");
        }

        @Test
        void aStreamWithoutUsageOrDoneStillCompletesWithEstimatedUsage() {
            fake.enqueue(Reply.stream("One", " two", " three").withoutUsage().withoutDone());
            Answer answer = client.post("{\"userMessage\":\"Count\",\"stream\":true}");

            assertThat(answer.eventNames()).endsWith("usage", "done");
            assertThat(answer.streamedText()).isEqualTo("One two three");
            assertThat(answer.event("usage").path("outputTokens").asInt()).isPositive();
        }

        @Test
        void aClientRequestIdIsEchoedAndABadOneReplaced() {
            Answer echoed = client.post("{\"userMessage\":\"Hi\"}", "X-Request-Id", "trace-42.a_b");
            Answer replaced = client.post("{\"userMessage\":\"Hi\"}", "X-Request-Id", "bad id with spaces");
            Answer tooLong = client.post("{\"userMessage\":\"Hi\"}", "X-Request-Id", "x".repeat(65));

            assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-42.a_b");
            assertThat(echoed.json().path("requestId").asText()).isEqualTo("trace-42.a_b");
            assertThat(replaced.header("X-Request-Id")).isNotEqualTo("bad id with spaces").matches("[A-Za-z0-9._-]{1,64}");
            assertThat(tooLong.header("X-Request-Id")).hasSizeLessThanOrEqualTo(64);
        }

        @Test
        void theSamplesAnonymousCallersAreKnownByTheirAddress() {
            client.post("{\"userMessage\":\"Hi\",\"metadata\":{\"probe\":\"anon-address\"}}");

            awaitLog("user=anon:127.0.0.1");
        }

        @Test
        void theDemoModelAnswersWithoutAnyProviderKey() {
            Answer answer = client.post("{\"userMessage\":\"What is this?\",\"model\":\"demo\",\"stream\":true}");

            assertThat(answer.eventNames()).startsWith("meta", "delta").endsWith("usage", "done");
            assertThat(answer.streamedText()).contains("demo provider").contains("You asked: \"What is this?\"");
        }
    }
}
