package dev.chatroute.sample.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.testing.Reply;

/**
 * A provider's stream of one tool call in OpenAI's chunk shape: the call's id and name on its first
 * piece, the arguments in pieces, then {@code finish_reason: tool_calls}, a usage chunk and
 * {@code [DONE]}, for {@link Reply#raw}.
 */
final class ToolCallStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCallStream() {
    }

    static Reply of(String callId, String name, String... argumentPieces) {
        StringBuilder body = new StringBuilder();
        body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(delta().put("role", "assistant"), null)))));
        for (int i = 0; i < argumentPieces.length; i++) {
            ObjectNode call = JSON.createObjectNode().put("index", 0);
            ObjectNode function = call.putObject("function").put("arguments", argumentPieces[i]);
            if (i == 0) {
                call.put("id", callId).put("type", "function");
                function.put("name", name);
            }
            ObjectNode delta = delta();
            delta.putArray("tool_calls").add(call);
            body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(delta, null)))));
        }
        body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(delta(), "tool_calls")))));
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 9).put("total_tokens", 29);
        body.append(event(usage)).append("data: [DONE]\n\n");
        return Reply.raw(200, "text/event-stream", body.toString());
    }

    private static ObjectNode chunk() {
        return JSON.createObjectNode().put("id", "chatcmpl-tool").put("object", "chat.completion.chunk")
                .put("created", 1_764_633_600L).put("model", "fake-model");
    }

    private static ObjectNode delta() {
        return JSON.createObjectNode();
    }

    private static ObjectNode choice(ObjectNode delta, String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return choice;
    }

    private static String event(ObjectNode data) {
        return "data: " + data + "\n\n";
    }
}
