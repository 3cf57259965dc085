package dev.chatroute.spi;

import dev.chatroute.ChatMessage;
import java.util.List;

/**
 * What is sent to a provider: the conversation (the server's system prompt already first), the
 * provider's own model name, and the caller's parameters.
 *
 * @param temperature null to leave the provider's default
 */
public record ProviderRequest(
        String requestId,
        String model,
        List<ChatMessage> messages,
        int maxTokens,
        Double temperature,
        boolean stream) {

    public ProviderRequest {
        messages = List.copyOf(messages);
    }
}
