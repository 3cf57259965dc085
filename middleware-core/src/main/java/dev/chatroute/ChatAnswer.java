package dev.chatroute;

/** A complete answer to a chat call made in code with {@link Chatroute#chat}. */
public record ChatAnswer(String id, String requestId, String model, String text, String finishReason, Usage usage) {
}
