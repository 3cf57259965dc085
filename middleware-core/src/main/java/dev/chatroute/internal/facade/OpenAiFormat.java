package dev.chatroute.internal.facade;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.ApiError;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import dev.chatroute.internal.json.Json;
import dev.chatroute.internal.pipeline.AnswerFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * One call's answer in OpenAI's chat completions shapes: {@code chat.completion.chunk} objects as
 * {@code data:}-only events (the first one's delta carries {@code role: assistant}), a last chunk
 * with {@code finish_reason}, the usage chunk ({@code choices: []}) when the caller asked for
 * {@code stream_options.include_usage}, then {@code data: [DONE]}; or one {@code chat.completion}.
 * Every chunk has the call's id, creation time and the alias as {@code model}.
 *
 * <p>The stream's 200 waits for its first piece ({@link #opensOnFirstChunk()}), so that a refusal
 * or a provider failure before it is an HTTP status, which SDKs retry; an error once the stream is
 * open is {@code data: {"error":{...}}}, as OpenAI sends it, which SDKs raise.
 */
final class OpenAiFormat implements AnswerFormat {

    static final String DONE = "[DONE]";

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;

    OpenAiFormat(String completionId, long createdSeconds, String model, boolean includeUsage) {
        this.id = completionId;
        this.created = createdSeconds;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    @Override
    public boolean opensOnFirstChunk() {
        return true;
    }

    @Override
    public List<Event> opening() {
        ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
        delta.putNull("refusal");
        return List.of(chunk(delta, null));
    }

    @Override
    public List<Event> delta(String text) {
        return List.of(chunk(Json.object().put("content", text), null));
    }

    @Override
    public List<Event> toolCall(int index, String callId, String name, String argumentsDelta) {
        ObjectNode call = Json.object().put("index", index);
        if (callId != null) {
            call.put("id", callId);
            call.put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", argumentsDelta == null ? "" : argumentsDelta);
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return List.of(chunk(delta, null));
    }

    @Override
    public List<Event> end(String finishReason, Usage usage) {
        List<Event> events = new ArrayList<>(3);
        events.add(chunk(Json.object(), finishReason));
        if (includeUsage) {
            ObjectNode last = head("chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(usage));
            events.add(new Event(null, Json.write(last)));
        }
        events.add(new Event(null, DONE));
        return events;
    }

    @Override
    public List<Event> streamError(ApiError error) {
        return List.of(new Event(null, OpenAiErrors.body(error)));
    }

    @Override
    public String answer(String text, List<ToolCall> toolCalls, String finishReason, Usage usage) {
        ObjectNode root = head("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content"); // OpenAI's content of an answer that only calls tools
        } else {
            message.put("content", text);
        }
        message.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : toolCalls) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage(usage));
        return Json.write(root);
    }

    @Override
    public int status(ApiError error) {
        return OpenAiErrors.status(error);
    }

    @Override
    public String errorBody(ApiError error) {
        return OpenAiErrors.body(error);
    }

    private Event chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = head("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            root.putNull("usage"); // as OpenAI: every chunk but the last says usage: null
        }
        return new Event(null, Json.write(root));
    }

    private ObjectNode head(String object) {
        return Json.object().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode u = Json.object().put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens()).put("total_tokens", usage.totalTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        u.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return u;
    }
}
