package dev.chatroute.internal.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.json.Json;
import dev.chatroute.internal.pipeline.AnswerFormat.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiFormatTest {

    final OpenAiFormat plain = new OpenAiFormat("chatcmpl-1", 1_700_000_000L, "default", false);
    final OpenAiFormat withUsage = new OpenAiFormat("chatcmpl-1", 1_700_000_000L, "default", true);

    static JsonNode json(Event event) {
        assertThat(event.event()).as("a data-only event").isNull();
        try {
            return Json.MAPPER.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError(event.data(), e);
        }
    }

    @Test
    void aStreamWaitsForItsFirstChunkToSendIts200() {
        assertThat(plain.opensOnFirstChunk()).isTrue();
    }

    @Test
    void theFirstChunkSaysTheRoleAndEveryChunkCarriesIdCreatedAndAlias() {
        JsonNode first = json(plain.opening().get(0));
        JsonNode text = json(plain.delta("Hel").get(0));

        assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        for (JsonNode chunk : List.of(first, text)) {
            assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-1");
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("created").asLong()).isEqualTo(1_700_000_000L);
            assertThat(chunk.path("model").asText()).isEqualTo("default");
            assertThat(chunk.has("usage")).isFalse();
        }
        assertThat(text.path("choices").get(0).path("delta").path("content").asText()).isEqualTo("Hel");
    }

    @Test
    void aToolCallPieceIsInOpenAisShapeWithIdTypeAndNameOnTheFirstPieceOnly() {
        JsonNode first = json(plain.toolCall(0, "call_1", "weather", "{\"ci").get(0))
                .path("choices").get(0).path("delta").path("tool_calls").get(0);
        JsonNode later = json(plain.toolCall(0, null, null, "ty\"}").get(0))
                .path("choices").get(0).path("delta").path("tool_calls").get(0);

        assertThat(first.path("index").asInt()).isZero();
        assertThat(first.path("id").asText()).isEqualTo("call_1");
        assertThat(first.path("type").asText()).isEqualTo("function");
        assertThat(first.path("function").path("name").asText()).isEqualTo("weather");
        assertThat(first.path("function").path("arguments").asText()).isEqualTo("{\"ci");
        assertThat(later.has("id")).isFalse();
        assertThat(later.path("function").has("name")).isFalse();
        assertThat(later.path("function").path("arguments").asText()).isEqualTo("ty\"}");
    }

    @Test
    void theEndIsTheFinishReasonThenDoneAndWithIncludeUsageTheUsageChunkBetween() {
        List<Event> end = plain.end("stop", new Usage(12, 40));
        List<Event> endWithUsage = withUsage.end("length", new Usage(12, 40));

        assertThat(end).hasSize(2);
        assertThat(json(end.get(0)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(end.get(1)).isEqualTo(new Event(null, "[DONE]"));
        assertThat(endWithUsage).hasSize(3);
        assertThat(json(endWithUsage.get(0)).path("usage").isNull()).isTrue();
        JsonNode usage = json(endWithUsage.get(1));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(40);
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(52);
        assertThat(endWithUsage.get(2).data()).isEqualTo("[DONE]");
    }

    @Test
    void anErrorOnceTheStreamIsOpenIsADataErrorObjectAndNoDone() {
        List<Event> events = plain.streamError(ContractError.UPSTREAM_TIMEOUT.error());

        assertThat(events).singleElement().satisfies(e ->
                assertThat(json(e).path("error").path("code").asText()).isEqualTo("upstream_timeout"));
    }

    @Test
    void aJsonAnswerIsAChatCompletionWhoseContentIsNullWhenItOnlyCallsTools() throws Exception {
        JsonNode text = Json.MAPPER.readTree(plain.answer("Hi there", List.of(), "stop", new Usage(3, 2)));
        JsonNode tools = Json.MAPPER.readTree(plain.answer("", List.of(new ToolCall("call_1", "weather", "{}")),
                "tool_calls", new Usage(3, 2)));

        assertThat(text.path("object").asText()).isEqualTo("chat.completion");
        assertThat(text.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hi there");
        assertThat(text.path("choices").get(0).path("message").has("tool_calls")).isFalse();
        assertThat(text.path("usage").path("total_tokens").asInt()).isEqualTo(5);
        JsonNode message = tools.path("choices").get(0).path("message");
        assertThat(message.path("content").isNull()).isTrue();
        assertThat(message.path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo("weather");
        assertThat(message.path("tool_calls").get(0).path("type").asText()).isEqualTo("function");
        assertThat(tools.path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
    }
}
