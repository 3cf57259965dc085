package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.chatroute.testing.Reply;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the official Java client sends besides a plain message, on both adapters: its optional
 * fields and content parts are accepted and reach the provider, and a tool round trip (the SDK's
 * own assistant message, then the tool's result) is a valid next request.
 */
class JavaSdkRequestsTest {

    @Nested
    class OnTheJaxrsFacade extends Requests {
        @Override
        String base() {
            return "/v1";
        }
    }

    @Nested
    class OnTheServletFacade extends Requests {
        @Override
        String base() {
            return "/servlet/v1";
        }
    }

    abstract static class Requests extends FacadeFixture {

        @Test
        void theSdksOptionalFieldsAndTextPartsAreAcceptedAndForwarded() {
            ChatCompletion answer = sdk(ANY_KEY).chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("default")
                    .addUserMessageOfArrayOfContentParts(List.of(text("Say hello"), text(" to Paris")))
                    .maxCompletionTokens(50).user("nightly-report").temperature(0.2).topP(0.9).seed(7L).stop("END")
                    .build());

            assertThat(answer.choices().get(0).message().content()).contains("Hello from the fake.");
            JsonNode sent = fake.lastCall().json();
            assertThat(sent.path("messages").toString()).contains("Say hello").contains(" to Paris");
            assertThat(sent.has("max_tokens") ? sent.path("max_tokens").asInt() : sent.path("max_completion_tokens").asInt())
                    .as("the token cap sent upstream, in " + sent).isEqualTo(50);
            assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
            assertThat(sent.path("seed").asLong()).isEqualTo(7L);
            assertThat(sent.path("stop").toString()).contains("END");
        }

        @Test
        void theSdksToolRoundTripIsAValidNextRequest() {
            fake.enqueue(ToolCallStream.of("call_7Qx", "get_weather", "{\"city\":", "\"Paris\"}"),
                    Reply.stream("It is sunny", " in Paris."));
            ChatCompletionCreateParams.Builder ask = ChatCompletionCreateParams.builder().model("default")
                    .addUserMessage("Weather in Paris?").addFunctionTool(weatherTool());
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = sdk(ANY_KEY).chat().completions().createStreaming(ask.build())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            ChatCompletionMessage asked = accumulator.chatCompletion().choices().get(0).message();

            ChatCompletion answer = sdk(ANY_KEY).chat().completions().create(ask.addMessage(asked)
                    .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_7Qx")
                            .content("{\"sky\":\"clear\"}").build())
                    .build());

            assertThat(answer.choices().get(0).message().content()).contains("It is sunny in Paris.");
            JsonNode messages = fake.lastCall().json().path("messages");
            assertThat(messages.findValuesAsText("role")).containsSubsequence("user", "assistant", "tool");
            JsonNode assistant = messages.get(messages.size() - 2);
            assertThat(assistant.path("tool_calls").path(0).path("id").asText()).isEqualTo("call_7Qx");
            assertThat(assistant.path("tool_calls").path(0).path("function").path("arguments").asText())
                    .isEqualTo("{\"city\":\"Paris\"}");
            JsonNode tool = messages.get(messages.size() - 1);
            assertThat(tool.path("tool_call_id").asText()).isEqualTo("call_7Qx");
            assertThat(tool.path("content").asText()).isEqualTo("{\"sky\":\"clear\"}");
        }

        static ChatCompletionContentPart text(String text) {
            return ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text).build());
        }
    }
}
