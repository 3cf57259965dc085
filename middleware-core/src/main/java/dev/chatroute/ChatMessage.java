package dev.chatroute;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation: {@code role} is {@code system}, {@code user}, {@code assistant}
 * or {@code tool}.
 *
 * @param content the text; {@code ""} for an assistant message that only called tools
 * @param toolCalls the tools an assistant message called; empty otherwise
 * @param toolCallId for a {@code tool} message, the id of the call it answers; null otherwise
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** An assistant message that called tools (and may have said something too). */
    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", content == null ? "" : content, toolCalls, null);
    }

    /** A tool's result, answering the call with this id. */
    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage("tool", content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
    }

    /** The same message with other text (its tool calls kept), as PII redaction rewrites it. */
    public ChatMessage withContent(String text) {
        return new ChatMessage(role, text, toolCalls, toolCallId);
    }
}
