package dev.chatroute.tools;

import static dev.chatroute.testing.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tools and structured output on the chat route: each refusal is a 400 naming its param, before any provider call. */
class ToolValidationTest {

    static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":"
            + "\"Weather for a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}}}";
    static final String ASKED = "{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}";
    static final String CALLED = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}";
    static final String ANSWERED = "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"-3C, snow\"}";

    private static FakeGateway gateway;

    @BeforeAll
    static void start() {
        gateway = FakeGateway.start("chatroute.limits.requests-per-minute=off");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void reset() {
        gateway.fake().reset();
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                arguments("tools not an array", with("\"tools\":{}"), "invalid_parameter", "tools"),
                arguments("a tool of another type", with("\"tools\":[{\"type\":\"retrieval\",\"function\":{\"name\":\"x\"}}]"),
                        "invalid_parameter", "tools[0].type"),
                arguments("a tool without a function", with("\"tools\":[{\"type\":\"function\"}]"),
                        "invalid_parameter", "tools[0].function"),
                arguments("a bad function name", with("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get weather\"}}]"),
                        "invalid_parameter", "tools[0].function.name"),
                arguments("a function name of 65 characters", with("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\""
                        + "a".repeat(65) + "\"}}]"), "invalid_parameter", "tools[0].function.name"),
                arguments("two tools of one name", with("\"tools\":[" + WEATHER + "," + WEATHER + "]"),
                        "invalid_parameter", "tools[1].function.name"),
                arguments("an unknown field in a function", with("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"x\","
                        + "\"params\":{}}}]"), "unknown_field", "tools[0].function.params"),
                arguments("parameters that are not a schema object", with("\"tools\":[{\"type\":\"function\",\"function\":"
                        + "{\"name\":\"x\",\"parameters\":\"object\"}}]"), "invalid_parameter", "tools[0].function.parameters"),
                arguments("129 tools", with("\"tools\":[" + tools(129) + "]"), "parameter_out_of_range", "tools"),
                arguments("a schema 33 deep", with("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"x\","
                        + "\"parameters\":" + nested(33) + "}}]"), "parameter_out_of_range", "tools[0].function.parameters"),
                arguments("tool_choice of an unknown word", with("\"tools\":[" + WEATHER + "],\"tool_choice\":\"always\""),
                        "invalid_parameter", "tool_choice"),
                arguments("tool_choice required without tools", with("\"tool_choice\":\"required\""), "invalid_parameter",
                        "tool_choice"),
                arguments("tool_choice naming no tool", with("\"tools\":[" + WEATHER + "],\"tool_choice\":{\"type\":"
                        + "\"function\",\"function\":{\"name\":\"get_time\"}}"), "invalid_parameter",
                        "tool_choice.function.name"),
                arguments("parallel_tool_calls without tools", with("\"parallel_tool_calls\":false"), "invalid_parameter",
                        "parallel_tool_calls"),
                arguments("parallel_tool_calls not a boolean", with("\"tools\":[" + WEATHER + "],\"parallel_tool_calls\":1"),
                        "invalid_parameter", "parallel_tool_calls"),
                arguments("response_format of an unknown type", with("\"response_format\":{\"type\":\"yaml\"}"),
                        "invalid_parameter", "response_format.type"),
                arguments("json_schema without its schema object", with("\"response_format\":{\"type\":\"json_schema\"}"),
                        "invalid_parameter", "response_format.json_schema"),
                arguments("a json_schema 33 deep", with("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                        + "{\"name\":\"answer\",\"schema\":" + nested(33) + "}}"), "parameter_out_of_range",
                        "response_format.json_schema.schema"),
                arguments("five stop sequences", with("\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]"), "parameter_out_of_range",
                        "stop"),
                arguments("an empty stop sequence", with("\"stop\":\"\""), "invalid_parameter", "stop"),
                arguments("top_p above 1", with("\"top_p\":1.5"), "parameter_out_of_range", "top_p"),
                arguments("a fractional seed", with("\"seed\":1.5"), "invalid_parameter", "seed"),
                arguments("a tool result answering no call", "{\"messages\":[" + ASKED + "," + ANSWERED + "]}",
                        "invalid_message", "messages[1].tool_call_id"),
                arguments("a tool result without its id", "{\"messages\":[" + ASKED + "," + CALLED
                        + ",{\"role\":\"tool\",\"content\":\"-3C\"}]}", "invalid_message", "messages[2].tool_call_id"),
                arguments("tool calls on a user message", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\","
                        + "\"tool_calls\":[]}]}", "invalid_message", "messages[0].tool_calls"),
                arguments("tool call arguments as an object", "{\"messages\":[" + ASKED + ",{\"role\":\"assistant\","
                        + "\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}]}",
                        "invalid_message", "messages[1].tool_calls[0].function.arguments"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refusedBodies")
    void aBadToolRequestIsRefusedBeforeAnyProviderCall(String what, String body, String code, String param) {
        RecordingChannel channel = gateway.post(body);

        assertInvalid(channel, code, param);
        assertThat(gateway.fake().callCount()).isZero();
    }

    @Test
    void aFullToolConversationGoesUpstreamAsSent() {
        gateway.fake().enqueue(Reply.json("It is -3C and snowing in Oslo."));
        String body = "{\"messages\":[" + ASKED + "," + CALLED + "," + ANSWERED + "],\"tools\":[" + WEATHER + "],"
                + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":false,\"stop\":[\"END\"],\"top_p\":0.5,\"seed\":42}";

        RecordingChannel channel = gateway.post(body).await(Duration.ofSeconds(5));

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.body().path("text").asText()).isEqualTo("It is -3C and snowing in Oslo.");
        assertThat(gateway.fake().callCount()).isEqualTo(1);
    }

    @Test
    void theMostToolsAndTheDeepestSchemasAllowedAreAccepted() {
        gateway.fake().enqueue(Reply.json("ok"));
        String body = with("\"tools\":[" + tools(127) + ",{\"type\":\"function\",\"function\":{\"name\":\"deep\","
                + "\"parameters\":" + nested(32) + "}}],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"answer\",\"strict\":true,\"schema\":" + nested(32) + "}}");

        RecordingChannel channel = gateway.post(body).await(Duration.ofSeconds(5));

        assertThat(channel.status()).as(channel.toString()).isEqualTo(200);
    }

    static String with(String fields) {
        return "{\"userMessage\":\"Weather in Oslo?\"," + fields + "}";
    }

    static String tools(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("{\"type\":\"function\",\"function\":{\"name\":\"tool_").append(i)
                    .append("\"}}");
        }
        return out.toString();
    }

    /** A schema whose objects nest {@code depth} deep. */
    static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }
}
