package dev.chatroute.spi;

import dev.chatroute.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * What is sent to a provider: the conversation (the server's system prompt already first), the
 * provider's own model name, and the caller's parameters.
 *
 * @param temperature null to leave the provider's default
 * @param headers the trace context to send upstream ({@code traceparent}, {@code tracestate}) and
 *     nothing else: never the client's own headers; empty when there is no trace
 */
public record ProviderRequest(
        String requestId,
        String model,
        List<ChatMessage> messages,
        int maxTokens,
        Double temperature,
        boolean stream,
        Map<String, String> headers) {

    public ProviderRequest {
        messages = List.copyOf(messages);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A request without trace headers. */
    public ProviderRequest(String requestId, String model, List<ChatMessage> messages, int maxTokens,
            Double temperature, boolean stream) {
        this(requestId, model, messages, maxTokens, temperature, stream, Map.of());
    }
}
