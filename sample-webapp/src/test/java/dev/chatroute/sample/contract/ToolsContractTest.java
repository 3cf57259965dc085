package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.sample.SseStream;
import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tools and structured output on both routes, over the real wire: the provider's OpenAI-shaped
 * tool-call stream becomes {@code tool_call} events or {@code toolCalls}, the request's tools reach
 * the provider as sent, and a chain whose targets lack a capability is skipped or refused.
 */
class ToolsContractTest {

    static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";
    static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class OnTheJaxrsRoute extends Tools {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Tools {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class Tools extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            // the same fake behind a provider that may not use tools, first in the chain of "plain-first"
            settings.put("chatroute.providers.plain.type", "openai-compatible");
            settings.put("chatroute.providers.plain.base-url", settings.get("chatroute.providers.fake.base-url"));
            settings.put("chatroute.providers.plain.api-key", KEY);
            settings.put("chatroute.providers.plain.capabilities", "stream_usage");
            settings.put("chatroute.models.plain-first", "plain/plain-model, fake/fake-model");
            settings.put("chatroute.models.plain-only", "plain/plain-model");
            return settings;
        }

        @Test
        void aStreamedToolCallArrivesAsToolCallEventsAndEndsWithToolCalls() {
            fake.enqueue(Reply.toolCall("call_w", "get_weather", "{\"ci", "ty\":\"Os", "lo\"}"));

            Answer answer = client.post("{\"userMessage\":\"Weather in Oslo?\",\"stream\":true,\"tools\":[" + WEATHER
                    + "],\"tool_choice\":\"required\"}");

            assertThat(answer.status()).isEqualTo(200);
            List<JsonNode> pieces = answer.events().stream().filter(e -> e.name().equals("tool_call"))
                    .map(Tools::parse).toList();
            assertThat(pieces).isNotEmpty();
            assertThat(pieces.get(0).path("id").asText()).isEqualTo("call_w");
            assertThat(pieces.get(0).path("name").asText()).isEqualTo("get_weather");
            assertThat(pieces.stream().skip(1).filter(p -> p.has("id") || p.has("name"))).isEmpty();
            StringBuilder arguments = new StringBuilder();
            pieces.forEach(p -> arguments.append(p.path("argumentsDelta").asText()));
            assertThat(arguments.toString()).isEqualTo("{\"city\":\"Oslo\"}");
            assertThat(answer.event("done").path("finishReason").asText()).isEqualTo("tool_calls");

            JsonNode sent = fake.lastCall().json();
            assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("get_weather");
            assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
        }

        @Test
        void aJsonAnswerCarriesToolCallsWithTheArgumentsAsTextAndNoText() {
            fake.enqueue(Reply.toolCall("call_w", "get_weather", "{\"city\":", "\"Oslo\"}"));

            Answer answer = client.post("{\"userMessage\":\"Weather in Oslo?\",\"tools\":[" + WEATHER + "]}");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode json = answer.json();
            assertThat(json.path("text").asText()).isEmpty();
            assertThat(json.path("finishReason").asText()).isEqualTo("tool_calls");
            assertThat(json.path("toolCalls").toString())
                    .isEqualTo("[{\"id\":\"call_w\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}]");
        }

        @Test
        void theToolResultGoesBackUpstreamInOpenAisShape() {
            fake.enqueue(Reply.json("-3C and snowing."));

            Answer answer = client.post("{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_w\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"call_w\",\"content\":\"-3C, snow\"}],\"tools\":[" + WEATHER
                    + "],\"response_format\":{\"type\":\"json_object\"},\"seed\":7,\"top_p\":0.9,\"stop\":[\"END\"]}");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode messages = fake.lastCall().json().path("messages");
            JsonNode called = messages.get(2); // after the system prompt and the question
            assertThat(called.path("tool_calls").get(0).path("function").path("arguments").asText())
                    .isEqualTo("{\"city\":\"Oslo\"}");
            assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
            assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_w");
            JsonNode sent = fake.lastCall().json();
            assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
            assertThat(sent.path("seed").asLong()).isEqualTo(7);
            assertThat(sent.path("stop").get(0).asText()).isEqualTo("END");
        }

        @Test
        void aTargetWithoutToolsIsSkippedForTheNextOne() {
            fake.enqueue(Reply.toolCall("call_w", "get_weather", "{}"));

            Answer answer = client.post("{\"userMessage\":\"Weather?\",\"model\":\"plain-first\",\"tools\":[" + WEATHER
                    + "]}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(fake.callCount()).isEqualTo(1);
            assertThat(fake.lastCall().json().path("model").asText()).isEqualTo("fake-model");
        }

        @Test
        void withNoTargetLeftTheRequestIsRefusedAsUnsupported() {
            Answer answer = client.post("{\"userMessage\":\"Weather?\",\"model\":\"plain-only\",\"stream\":true,"
                    + "\"tools\":[" + WEATHER + "]}");

            assertError(answer, 400, "invalid_request_error", "unsupported_parameter");
            assertThat(answer.error().path("param").asText()).isEqualTo("tools");
            assertThat(fake.callCount()).isZero();
        }

        private static JsonNode parse(SseStream.Event event) {
            try {
                return JSON.readTree(event.data());
            } catch (java.io.IOException e) {
                throw new AssertionError(event.data(), e);
            }
        }
    }
}
