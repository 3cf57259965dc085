package dev.chatroute.spi;

import dev.chatroute.ChatMessage;
import dev.chatroute.ModelOptions;
import java.util.List;
import java.util.Map;

/**
 * What is sent to a provider: the conversation (the server's system prompt already first), the
 * provider's own model name, and the caller's parameters.
 *
 * @param temperature null to leave the provider's default
 * @param headers the trace context to send upstream ({@code traceparent}, {@code tracestate}) and
 *     nothing else: never the client's own headers; empty when there is no trace
 * @param options the caller's tools, structured output and other parameters, to send as given
 */
public record ProviderRequest(
        String requestId,
        String model,
        List<ChatMessage> messages,
        int maxTokens,
        Double temperature,
        boolean stream,
        Map<String, String> headers,
        ModelOptions options) {

    public ProviderRequest {
        messages = List.copyOf(messages);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        options = options == null ? ModelOptions.NONE : options;
    }

    /** A request without tools or other options. */
    public ProviderRequest(String requestId, String model, List<ChatMessage> messages, int maxTokens,
            Double temperature, boolean stream, Map<String, String> headers) {
        this(requestId, model, messages, maxTokens, temperature, stream, headers, ModelOptions.NONE);
    }

    /** A request without trace headers. */
    public ProviderRequest(String requestId, String model, List<ChatMessage> messages, int maxTokens,
            Double temperature, boolean stream) {
        this(requestId, model, messages, maxTokens, temperature, stream, Map.of(), ModelOptions.NONE);
    }
}
