package dev.chatroute.internal.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.ApiError;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import java.util.List;

/** The JSON bodies of the contract (CONTRACT §1), in one place. */
public final class Bodies {

    private Bodies() {
    }

    public static String error(ApiError error, String requestId) {
        ObjectNode root = Json.object();
        root.set("error", errorObject(error, requestId));
        return Json.write(root);
    }

    private static ObjectNode errorObject(ApiError error, String requestId) {
        ObjectNode e = Json.object();
        e.put("type", error.type());
        e.put("code", error.code());
        e.put("message", error.message());
        if (error.param() != null) {
            e.put("param", error.param());
        }
        e.put("requestId", requestId);
        return e;
    }

    public static String answer(String id, String requestId, String model, String text, String finishReason,
            Usage usage) {
        return answer(id, requestId, model, text, List.of(), finishReason, usage);
    }

    /** @param toolCalls left out of the answer when empty, as before tools existed */
    public static String answer(String id, String requestId, String model, String text, List<ToolCall> toolCalls,
            String finishReason, Usage usage) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("requestId", requestId);
        root.put("model", model);
        root.put("text", text);
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = root.putArray("toolCalls");
            for (ToolCall call : toolCalls) {
                calls.addObject().put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
            }
        }
        root.put("finishReason", finishReason);
        root.set("usage", usageObject(usage));
        return Json.write(root);
    }

    public static String meta(String requestId, String model) {
        ObjectNode root = Json.object();
        root.put("requestId", requestId);
        root.put("model", model);
        return Json.write(root);
    }

    public static String delta(String text) {
        ObjectNode root = Json.object();
        root.put("text", text);
        return Json.write(root);
    }

    /** A piece of a tool call: {@code id} and {@code name} only on a call's first piece. */
    public static String toolCall(int index, String id, String name, String argumentsDelta) {
        ObjectNode root = Json.object();
        root.put("index", index);
        if (id != null) {
            root.put("id", id);
        }
        if (name != null) {
            root.put("name", name);
        }
        root.put("argumentsDelta", argumentsDelta == null ? "" : argumentsDelta);
        return Json.write(root);
    }

    public static String usage(Usage usage) {
        return Json.write(usageObject(usage));
    }

    public static String done(String finishReason) {
        ObjectNode root = Json.object();
        root.put("finishReason", finishReason);
        return Json.write(root);
    }

    private static ObjectNode usageObject(Usage usage) {
        ObjectNode u = Json.object();
        u.put("inputTokens", usage.inputTokens());
        u.put("outputTokens", usage.outputTokens());
        u.put("totalTokens", usage.totalTokens());
        return u;
    }
}
