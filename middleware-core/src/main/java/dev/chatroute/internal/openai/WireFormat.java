package dev.chatroute.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.chatroute.ChatMessage;
import dev.chatroute.ModelOptions;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import dev.chatroute.internal.json.Json;
import dev.chatroute.spi.ProviderRequest;

/** The OpenAI chat completions wire format: the request body, and the parts of answers we read. */
final class WireFormat {

    private WireFormat() {
    }

    static String requestBody(ProviderRequest request) {
        return requestBody(request, true);
    }

    /** @param streamUsage whether to ask for a usage chunk; servers that refuse unknown fields get none */
    static String requestBody(ProviderRequest request, boolean streamUsage) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            message(messages.addObject(), m);
        }
        body.put("max_tokens", request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        options(body, request.options());
        body.put("stream", request.stream());
        if (request.stream() && streamUsage) {
            // Without this, OpenAI-style streams carry no token counts at all.
            body.putObject("stream_options").put("include_usage", true);
        }
        return Json.write(body);
    }

    /** One message in the chat completions shape: an assistant's tool calls, a tool's answer, or text. */
    private static void message(ObjectNode out, ChatMessage m) {
        out.put("role", m.role());
        if (m.role().equals("tool")) {
            out.put("tool_call_id", m.toolCallId());
            out.put("content", m.content());
        } else if (!m.toolCalls().isEmpty()) {
            // OpenAI's own assistant messages that only called tools carry "content": null.
            if (m.content().isEmpty()) {
                out.putNull("content");
            } else {
                out.put("content", m.content());
            }
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        } else {
            out.put("content", m.content());
        }
    }

    /**
     * The caller's options, only those asked for (no {@code "tools": []}, which some servers refuse). JSON
     * options are the request's own text, already validated: written as they are, not re-encoded.
     */
    private static void options(ObjectNode body, ModelOptions o) {
        if (o.hasTools()) {
            ArrayNode tools = body.putArray("tools");
            o.tools().forEach(tool -> tools.addRawValue(new RawValue(tool)));
        }
        if (o.toolChoice() != null) {
            body.putRawValue("tool_choice", new RawValue(o.toolChoice()));
        }
        if (o.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", o.parallelToolCalls());
        }
        if (o.responseFormat() != null) {
            body.putRawValue("response_format", new RawValue(o.responseFormat()));
        }
        if (!o.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            o.stop().forEach(stop::add);
        }
        if (o.topP() != null) {
            body.put("top_p", o.topP());
        }
        if (o.seed() != null) {
            body.put("seed", o.seed());
        }
    }

    /** The first choice of a chunk or answer, or a missing node. */
    static JsonNode firstChoice(JsonNode root) {
        return root.path("choices").path(0);
    }

    /** The longest model name kept: it becomes a metric tag and a span attribute. */
    static final int MAX_MODEL_CHARS = 128;

    /**
     * The model a chunk or answer names, fit for a tag: printable ASCII, at most
     * {@link #MAX_MODEL_CHARS} characters; null when it names none (or nothing printable).
     */
    static String model(JsonNode root) {
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual()) {
            return null;
        }
        String safe = model.asText().replaceAll("[^\\x21-\\x7e]", "");
        safe = safe.substring(0, Math.min(MAX_MODEL_CHARS, safe.length()));
        return safe.isEmpty() ? null : safe;
    }

    static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }

    static String finishReason(JsonNode choice) {
        JsonNode reason = choice.get("finish_reason");
        // Some servers send "" while the answer goes on; only a real reason ends it.
        return reason == null || reason.isNull() || reason.asText().isEmpty() ? null : reason.asText();
    }

    static Usage usage(JsonNode root) {
        JsonNode usage = root.get("usage");
        if (usage == null || usage.isNull()) {
            usage = root.path("x_groq").get("usage"); // Groq puts a stream's counts in its own extension
        }
        if (usage == null || !usage.isObject() || !usage.has("prompt_tokens")) {
            return null;
        }
        return new Usage(count(usage.get("prompt_tokens")), count(usage.get("completion_tokens")),
                count(usage.path("prompt_tokens_details").get("cached_tokens")),
                count(usage.path("completion_tokens_details").get("reasoning_tokens")));
    }

    /**
     * A reported count, or -1 when it is not a whole number that fits an {@code int} (a string, a
     * fraction, 1e12): the core refuses such usage and counts the tokens itself. A count left out is 0.
     */
    private static int count(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isFloatingPointNumber() && n.canConvertToInt() && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue(); // 12.0
        }
        return -1;
    }

    /**
     * A short, safe description of a provider's error body: its {@code type} and {@code code}
     * only. The message is left out because providers echo request details (even masked keys).
     */
    static String errorSummary(byte[] body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            StringBuilder out = new StringBuilder();
            for (String field : new String[] {"type", "code"}) {
                JsonNode value = error.get(field);
                if (value != null && value.isValueNode()) {
                    String safe = value.asText().replaceAll("[^A-Za-z0-9_.-]", "");
                    safe = safe.substring(0, Math.min(40, safe.length()));
                    if (!safe.isEmpty()) {
                        out.append(out.length() == 0 ? "" : ", ").append(field).append('=').append(safe);
                    }
                }
            }
            return out.toString();
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
