package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a provider's tool calls may be: at most 128 per answer, names of OpenAI's form, ids of printable
 * ASCII; past a bound the try fails as a protocol error. A call that comes without an id gets one.
 */
class ToolCallBoundsTest {

    private final FakeProvider fake = FakeProvider.start();
    private final OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider("p", fake.baseUrl(), "sk-test",
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "gateway");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void anAnswerMayCarry128CallsAndNoMore() {
        assertThat(stream(callsThenFinish(128))).hasSize(129).last().isEqualTo("finish tool_calls");

        assertThat(stream(callsThenFinish(129))).last().asString()
                .startsWith("error PROTOCOL").contains("more than 128 tool calls");
    }

    @Test
    void aNameMustBe1To64OfOpenAisCharacters() {
        String longest = "f".repeat(64);
        assertThat(stream(piece(0, "call_1", longest, "{}"), finish())).first()
                .isEqualTo("tool 0|call_1|" + longest + "|{}");

        for (String bad : List.of("f".repeat(65), "get.weather", "get weather", "f\\u00e9")) {
            assertThat(stream(piece(0, "call_1", bad, "{}"), finish())).as(bad).containsExactly(
                    "error PROTOCOL provider p: sent a tool call name that is not 1 to 64 of A-Z, a-z, 0-9, _ and -");
        }
    }

    @Test
    void anIdMustBe1To256PrintableAsciiCharacters() {
        String longest = "c".repeat(256);
        assertThat(stream(piece(0, longest, "f", "{}"), finish())).first().isEqualTo("tool 0|" + longest + "|f|{}");

        for (String bad : List.of("c".repeat(257), "call\\u0001", "call_\\u00e9")) {
            assertThat(stream(piece(0, bad, "f", "{}"), finish())).as(bad).containsExactly(
                    "error PROTOCOL provider p: sent a tool call id that is not 1 to 256 printable ASCII characters");
        }
    }

    @Test
    void aCallWithoutAnIdGetsOneThatStaysTheSame() {
        List<String> events = stream(piece(0, null, "f", "{\"a\":"), piece(0, null, null, "1}"),
                piece(1, null, "g", "{}"), finish());

        assertThat(events).hasSize(4);
        assertThat(events.get(0)).matches("tool 0\\|call_[0-9a-f]{32}\\|f\\|\\{\"a\":");
        assertThat(events.get(1)).isEqualTo("tool 0|-|-|1}");
        assertThat(events.get(2)).matches("tool 1\\|call_[0-9a-f]{32}\\|g\\|\\{\\}");
        assertThat(events.get(0).split("\\|")[1]).isNotEqualTo(events.get(2).split("\\|")[1]);
    }

    @Test
    void argumentsBeforeTheNameAreHeldUntilItComes() {
        assertThat(stream(piece(0, "call_1", null, "{\"a\""), piece(0, null, "f", ":1}"), finish())).containsExactly(
                "tool 0|call_1|f|{\"a\":1}", "finish tool_calls");
    }

    @Test
    void aCallWhoseNameNeverComesFailsTheTry() {
        assertThat(stream(piece(0, "call_1", null, "{}"), finish())).containsExactly(
                "error PROTOCOL provider p: sent a tool call without a name");
    }

    @Test
    void aRepeatedIdAndNameOnLaterPiecesIsNotASecondCall() {
        assertThat(stream(piece(0, "call_1", "f", "{\"a\":"), piece(0, "call_1", "f", "1}"), finish()))
                .containsExactly("tool 0|call_1|f|{\"a\":", "tool 0|-|-|1}", "finish tool_calls");
    }

    @Test
    void interleavedCallsKeepTheirOwnPieces() {
        assertThat(stream(piece(0, "call_a", "f", ""), piece(1, "call_b", "g", ""), piece(0, null, null, "{\"x\":1}"),
                piece(1, null, null, "{\"y\":2}"), finish())).containsExactly(
                "tool 0|call_a|f|", "tool 1|call_b|g|", "tool 0|-|-|{\"x\":1}", "tool 1|-|-|{\"y\":2}",
                "finish tool_calls");
    }

    private List<String> stream(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk).append("\n\n");
        }
        fake.enqueue(Reply.raw(200, "text/event-stream", body.append("data: [DONE]\n\n").toString()));
        RecordingListener listener = new RecordingListener();
        provider.call(ToolCallReplayTest.request(true), listener);
        return listener.await(ToolCallReplayTest.WAIT);
    }

    private static String[] callsThenFinish(int count) {
        String[] out = new String[count + 1];
        for (int i = 0; i < count; i++) {
            out[i] = piece(i, "call_" + i, "f", "{}");
        }
        out[count] = finish();
        return out;
    }

    /** A chunk with one tool-call piece; null leaves a field out. The strings are JSON string contents. */
    private static String piece(int index, String id, String name, String arguments) {
        StringBuilder function = new StringBuilder();
        if (name != null) {
            function.append("\"name\":\"").append(name).append("\",");
        }
        function.append("\"arguments\":").append(quote(arguments));
        return "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
                + (id == null ? "" : ",\"id\":\"" + id + "\"") + ",\"function\":{" + function + "}}]},"
                + "\"finish_reason\":null}]}";
    }

    private static String quote(String text) {
        return dev.chatroute.internal.json.Json.write(text);
    }

    private static String finish() {
        return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
    }
}
