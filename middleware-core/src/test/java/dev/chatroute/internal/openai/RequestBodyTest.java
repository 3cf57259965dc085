package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ChatMessage;
import dev.chatroute.ModelOptions;
import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.ToolCall;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What reaches the provider: the caller's options and tool messages in OpenAI's shapes, and nothing not asked for. */
class RequestBodyTest {

    private final FakeProvider fake = FakeProvider.start();
    private final OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider("p", fake.baseUrl(), "sk-test",
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "openai");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyOptionIsSentInItsOpenAiShape() {
        String choice = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}";
        String format = "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":{\"type\":\"object\"}}}";
        JsonNode body = send(new ModelOptions(List.of(ToolCallReplayTest.WEATHER), choice, false, format,
                List.of("END", "\n\n"), 0.5, 42L), List.of(ChatMessage.user("Weather?")));

        assertThat(body.path("tools")).hasSize(1);
        assertThat(body.path("tools").path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(body.path("tool_choice").path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(body.path("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(body.path("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(body.path("response_format").path("json_schema").path("name").asText()).isEqualTo("w");
        assertThat(body.path("stop").get(0).asText()).isEqualTo("END");
        assertThat(body.path("stop").get(1).asText()).isEqualTo("\n\n");
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.5);
        assertThat(body.path("seed").isIntegralNumber()).isTrue();
        assertThat(body.path("seed").asLong()).isEqualTo(42L);
    }

    @Test
    void jsonOptionsAreWrittenAsTheCallerWroteThemNotReEncoded() {
        // The text goes in raw: a string-valued tool_choice stays a JSON string, not a string of a string,
        // and the tool's own escapes and number forms reach the provider byte for byte.
        String tool = "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"caf\\u00e9 \\\"x\\\"\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"maximum\":1.50}}}}}";
        send(new ModelOptions(List.of(tool), "\"required\"", null, "{\"type\":\"json_object\"}", List.of(), null, null),
                List.of(ChatMessage.user("Hi")));

        String raw = fake.lastCall().body;
        assertThat(raw).contains("\"tools\":[" + tool + "]");
        assertThat(raw).contains("\"tool_choice\":\"required\"");
        assertThat(raw).contains("\"response_format\":{\"type\":\"json_object\"}");
    }

    @Test
    void nothingIsSentThatWasNotAskedFor() {
        JsonNode body = send(ModelOptions.NONE, List.of(ChatMessage.user("Hi")));

        for (String field : List.of("tools", "tool_choice", "parallel_tool_calls", "response_format", "stop", "top_p",
                "seed")) {
            assertThat(body.has(field)).as(field + " sent").isFalse();
        }
        assertThat(body.path("messages").path(0).has("tool_calls")).isFalse();
        assertThat(body.path("messages").path(0).has("tool_call_id")).isFalse();
    }

    @Test
    void anAssistantsToolCallsAndTheToolsAnswersAreSentAsOpenAiMessages() {
        JsonNode body = send(new ModelOptions(List.of(ToolCallReplayTest.WEATHER), null, null, null, List.of(), null,
                null), List.of(
                ChatMessage.user("Weather in Paris and Rome?"),
                ChatMessage.assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}"))),
                ChatMessage.tool("call_1", "{\"temp\":21}"),
                ChatMessage.tool("call_2", "{\"temp\":25}"),
                ChatMessage.assistant("Let me check once more.", List.of(new ToolCall("call_3", "get_weather", "{}")))));

        JsonNode messages = body.path("messages");
        JsonNode called = messages.path(1);
        assertThat(called.path("role").asText()).isEqualTo("assistant");
        assertThat(called.path("content").isNull()).as("content of a message that only called tools").isTrue();
        assertThat(called.path("tool_calls")).hasSize(2);
        JsonNode first = called.path("tool_calls").path(0);
        assertThat(first.path("id").asText()).isEqualTo("call_1");
        assertThat(first.path("type").asText()).isEqualTo("function");
        assertThat(first.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(first.path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode answer = messages.path(2);
        assertThat(answer.path("role").asText()).isEqualTo("tool");
        assertThat(answer.path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(answer.path("content").asText()).isEqualTo("{\"temp\":21}");
        assertThat(messages.path(3).path("tool_call_id").asText()).isEqualTo("call_2");
        assertThat(messages.path(4).path("content").asText()).isEqualTo("Let me check once more.");
        assertThat(messages.path(4).path("tool_calls").path(0).path("id").asText()).isEqualTo("call_3");
    }

    private JsonNode send(ModelOptions options, List<ChatMessage> messages) {
        fake.enqueue(Reply.json("ok"));
        RecordingListener listener = new RecordingListener();
        provider.call(new ProviderRequest("req-1", "m", messages, 100, null, false, Map.of(), options), listener);
        assertThat(listener.await(ToolCallReplayTest.WAIT)).endsWith("finish stop");
        return fake.lastCall().json();
    }
}
