package dev.chatroute;

import java.util.Objects;

/**
 * A function the model asked to call (OpenAI's {@code tool_calls} item).
 *
 * @param arguments the JSON text the model wrote, as it wrote it: a string, as OpenAI sends it, and
 *     not necessarily valid JSON (the caller's code decides what to do with a model's mistakes)
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "" : arguments;
    }
}
