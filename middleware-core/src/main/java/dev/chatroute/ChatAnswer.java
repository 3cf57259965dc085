package dev.chatroute;

import java.util.List;

/**
 * A complete answer to a chat call made in code with {@link Chatroute#chat}.
 *
 * @param text {@code ""} when the model only called tools
 * @param toolCalls the tools the model called, in order; empty when it called none
 */
public record ChatAnswer(String id, String requestId, String model, String text, String finishReason, Usage usage,
        List<ToolCall> toolCalls) {

    public ChatAnswer {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatAnswer(String id, String requestId, String model, String text, String finishReason, Usage usage) {
        this(id, requestId, model, text, finishReason, usage, List.of());
    }
}
