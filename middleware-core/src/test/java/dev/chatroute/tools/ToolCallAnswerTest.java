package dev.chatroute.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ChatAnswer;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.ModelOptions;
import dev.chatroute.ToolCall;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import dev.chatroute.tools.ScriptedToolProvider.Piece;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tool calls reach the client: {@code event: tool_call} pieces on a stream, {@code toolCalls} in JSON. */
class ToolCallAnswerTest {

    /** Two calls interleaved by index, arguments split mid-token. */
    static final List<Piece> TWO_CALLS = List.of(
            new Piece(0, "call_a", "get_weather", ""),
            new Piece(0, null, null, "{\"ci"),
            new Piece(1, "call_b", "get_time", "{\"zone\":"),
            new Piece(0, null, null, "ty\":\"Oslo\"}"),
            new Piece(1, null, null, "\"CET\"}"));

    private ScriptedToolProvider provider;
    private Chatroute chatroute;

    @BeforeEach
    void start() {
        provider = new ScriptedToolProvider("scripted", EnumSet.allOf(Capability.class), TWO_CALLS);
        chatroute = Chatroute.builder().config(FakeConfig.config().put("chatroute.models.default", "scripted/m").build())
                .provider(provider).build();
    }

    @AfterEach
    void stop() {
        chatroute.close();
    }

    @Test
    void aStreamCarriesEachPieceAsAToolCallEventAndEndsWithToolCalls() {
        RecordingChannel channel = serve(ToolValidationTest.with("\"stream\":true,\"tools\":[" + ToolValidationTest.WEATHER
                + "]"));

        assertThat(channel.eventNames()).containsExactly("meta", "tool_call", "tool_call", "tool_call", "tool_call",
                "tool_call", "usage", "done");
        List<JsonNode> pieces = channel.events().stream().filter(e -> e.name().equals("tool_call"))
                .map(RecordingChannel.Event::json).toList();
        assertThat(pieces.get(0).toString())
                .isEqualTo("{\"index\":0,\"id\":\"call_a\",\"name\":\"get_weather\",\"argumentsDelta\":\"\"}");
        assertThat(pieces.get(1).toString()).isEqualTo("{\"index\":0,\"argumentsDelta\":\"{\\\"ci\"}");
        assertThat(pieces.get(2).path("id").asText()).isEqualTo("call_b");
        assertThat(joined(pieces, 0)).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(joined(pieces, 1)).isEqualTo("{\"zone\":\"CET\"}");
        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void aJsonAnswerGathersTheCallsWithTheirArgumentsAsText() {
        RecordingChannel channel = serve(ToolValidationTest.with("\"tools\":[" + ToolValidationTest.WEATHER + "]"));

        JsonNode body = channel.body();
        assertThat(body.path("text").asText()).isEmpty();
        assertThat(body.path("finishReason").asText()).isEqualTo("tool_calls");
        assertThat(body.path("toolCalls").toString()).isEqualTo("[{\"id\":\"call_a\",\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"},{\"id\":\"call_b\",\"name\":\"get_time\","
                + "\"arguments\":\"{\\\"zone\\\":\\\"CET\\\"}\"}]");
    }

    @Test
    void aCallInCodeGetsTheToolCallsAndSendsItsOptions() throws Exception {
        ModelOptions options = new ModelOptions(List.of(ToolValidationTest.WEATHER), "\"required\"", null, null,
                List.of(), null, 7L);
        ChatAnswer answer = chatroute.chat(new ChatRequest(List.of(ChatMessage.user("Weather in Oslo?")), "default",
                false, 100, null, Map.of(), options), Identity.of("svc")).get(5, TimeUnit.SECONDS);

        assertThat(answer.toolCalls()).containsExactly(new ToolCall("call_a", "get_weather", "{\"city\":\"Oslo\"}"),
                new ToolCall("call_b", "get_time", "{\"zone\":\"CET\"}"));
        assertThat(provider.requests.get(0).options()).isEqualTo(options);
    }

    @Test
    void aToolConversationReachesTheProviderWithItsCallsAndResults() {
        serve("{\"messages\":[" + ToolValidationTest.ASKED + "," + ToolValidationTest.CALLED + ","
                + ToolValidationTest.ANSWERED + "],\"tools\":[" + ToolValidationTest.WEATHER + "]}");

        List<ChatMessage> sent = provider.requests.get(0).messages();
        assertThat(sent.get(1).toolCalls()).containsExactly(new ToolCall("call_1", "get_weather",
                "{\"city\":\"Oslo\"}"));
        assertThat(sent.get(1).content()).isEmpty();
        assertThat(sent.get(2)).isEqualTo(ChatMessage.tool("call_1", "-3C, snow"));
    }

    private RecordingChannel serve(String body) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(body), channel);
        return channel.await(Duration.ofSeconds(5));
    }

    private static String joined(List<JsonNode> pieces, int index) {
        StringBuilder out = new StringBuilder();
        pieces.stream().filter(p -> p.path("index").asInt() == index)
                .forEach(p -> out.append(p.path("argumentsDelta").asText()));
        return out.toString();
    }

    static Set<Capability> none() {
        return EnumSet.noneOf(Capability.class);
    }
}
