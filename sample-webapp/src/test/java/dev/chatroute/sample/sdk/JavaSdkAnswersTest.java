package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The official Java client (openai-java) on the facade of both adapters: answers, streams with
 * usage, a streamed tool call put back together by the SDK's own accumulator, JSON mode and the
 * model list, each read through the SDK's typed models, so a field the SDK needs and the facade
 * leaves out fails here.
 */
class JavaSdkAnswersTest {

    @Nested
    class OnTheJaxrsFacade extends Answers {
        @Override
        String base() {
            return "/v1";
        }
    }

    @Nested
    class OnTheServletFacade extends Answers {
        @Override
        String base() {
            return "/servlet/v1";
        }
    }

    abstract static class Answers extends FacadeFixture {

        static ChatCompletionCreateParams.Builder hello() {
            return ChatCompletionCreateParams.builder().model("default").addUserMessage("Hello");
        }

        @Test
        void aJsonAnswerReadsAsAChatCompletion() {
            ChatCompletion answer = sdk(ANY_KEY).chat().completions().create(hello().build());

            assertThat(answer.id()).startsWith("chatcmpl-");
            assertThat(answer.model()).isEqualTo("default");
            assertThat(answer.choices()).hasSize(1);
            assertThat(answer.choices().get(0).message().content()).contains("Hello from the fake.");
            assertThat(answer.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            CompletionUsage usage = answer.usage().orElseThrow();
            assertThat(usage.promptTokens()).isEqualTo(11);
            assertThat(usage.completionTokens()).isEqualTo(4);
            assertThat(usage.totalTokens()).isEqualTo(15);
            assertThat(fake.lastCall().json().path("model").asText()).isEqualTo("fake-model");
        }

        @Test
        void aStreamWithUsageEndsWithTheUsageChunk() {
            ChatCompletionCreateParams params = hello()
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
            List<ChatCompletionChunk> chunks;
            try (StreamResponse<ChatCompletionChunk> stream = sdk(ANY_KEY).chat().completions().createStreaming(params)) {
                chunks = stream.stream().toList();
            }

            StringBuilder text = new StringBuilder();
            chunks.forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            assertThat(text).hasToString("Hello from the fake.");
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.model()).isEqualTo("default"));
            assertThat(chunks.stream().map(ChatCompletionChunk::id).distinct()).hasSize(1);
            ChatCompletionChunk last = chunks.get(chunks.size() - 1);
            assertThat(last.choices()).isEmpty();
            assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(15);
            assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
            assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason())
                    .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        }

        @Test
        void aStreamedToolCallIsPutBackTogetherByTheSdksAccumulator() {
            fake.enqueue(ToolCallStream.of("call_7Qx", "get_weather", "{\"ci", "ty\":\"Par", "is\"}"));
            ChatCompletionCreateParams params = hello().addFunctionTool(weatherTool())
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = sdk(ANY_KEY).chat().completions().createStreaming(params)) {
                stream.stream().forEach(accumulator::accumulate);
            }

            ChatCompletion whole = accumulator.chatCompletion();
            ChatCompletion.Choice choice = whole.choices().get(0);
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(choice.message().toolCalls().orElseThrow()).hasSize(1);
            ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
            assertThat(call.id()).isEqualTo("call_7Qx");
            assertThat(call.function().name()).isEqualTo("get_weather");
            assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(whole.usage().orElseThrow().totalTokens()).isEqualTo(29);
            JsonNode sent = fake.lastCall().json().path("tools").path(0);
            assertThat(sent.path("type").asText()).isEqualTo("function");
            assertThat(sent.path("function").path("name").asText()).isEqualTo("get_weather");
        }

        @Test
        void jsonModeReachesTheProviderAndTheAnswerIsJson() throws Exception {
            fake.enqueue(dev.chatroute.testing.Reply.stream("{\"city\":", "\"Paris\"}"));
            ChatCompletion answer = sdk(ANY_KEY).chat().completions().create(hello()
                    .responseFormat(ResponseFormatJsonObject.builder().build()).build());

            String content = answer.choices().get(0).message().content().orElseThrow();
            assertThat(new ObjectMapper().readTree(content).path("city").asText()).isEqualTo("Paris");
            assertThat(fake.lastCall().json().path("response_format").path("type").asText()).isEqualTo("json_object");
        }

        @Test
        void theModelListNamesTheAliasesTheCallerMayUse() {
            List<String> ids = sdk(ANY_KEY).models().list().data().stream().map(Model::id).toList();

            assertThat(ids).contains("default");
            assertThat(fake.callCount()).isZero();
        }
    }
}
