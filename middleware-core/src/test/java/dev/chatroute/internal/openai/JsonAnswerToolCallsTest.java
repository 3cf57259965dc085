package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A JSON answer's {@code message.tool_calls}: each call in one piece, by its position. */
class JsonAnswerToolCallsTest {

    private final FakeProvider fake = FakeProvider.start();
    private final OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider("p", fake.baseUrl(), "sk-test",
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "gateway");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void eachCallOfAnAnswerComesWholeInOnePiece() {
        fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":", "\"Paris\"}")
                .andToolCall("call_2", "get_time", "{}"));

        assertThat(answer()).containsExactly(
                "tool 0|call_1|get_weather|{\"city\":\"Paris\"}",
                "tool 1|call_2|get_time|{}",
                "finish tool_calls");
    }

    @Test
    void theSameReplyStreamsPieceByPieceWhenAStreamIsAskedFor() {
        fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":", "\"Paris\"}"));
        RecordingListener listener = new RecordingListener();
        provider.call(ToolCallReplayTest.request(true), listener);

        assertThat(listener.await(ToolCallReplayTest.WAIT)).containsExactly(
                "tool 0|call_1|get_weather|",
                "tool 0|-|-|{\"city\":",
                "tool 0|-|-|\"Paris\"}",
                "finish tool_calls");
    }

    @Test
    void argumentsAsAnObjectAndCallsWithoutIndexAreReadToo() {
        // TGI and Ollama have answered with arguments as a JSON object; Gemini leaves out index, and an
        // answer that called tools but says "stop" still asks for them to be run.
        fake.enqueue(Reply.raw(200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sure.\",\"tool_calls\":["
                + "{\"id\":\"function-call-1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":{\"city\":\"Bern\"}}},"
                + "{\"id\":\"function-call-2\",\"type\":\"function\",\"function\":{\"name\":\"get_time\","
                + "\"arguments\":\"{}\"}}]},\"finish_reason\":\"stop\"}]}"));

        assertThat(answer()).containsExactly(
                "text Sure.",
                "tool 0|function-call-1|get_weather|{\"city\":\"Bern\"}",
                "tool 1|function-call-2|get_time|{}",
                "finish tool_calls");
    }

    @Test
    void anAnswerWithoutToolCallsKeepsItsOwnFinishReason() {
        fake.enqueue(Reply.json("plain").finishReason("length"));

        assertThat(answer()).containsExactly("text plain", "finish length");
    }

    private List<String> answer() {
        RecordingListener listener = new RecordingListener();
        provider.call(ToolCallReplayTest.request(false), listener);
        return listener.await(ToolCallReplayTest.WAIT);
    }
}
