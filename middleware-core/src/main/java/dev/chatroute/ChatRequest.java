package dev.chatroute;

import java.util.List;
import java.util.Map;

/**
 * A validated chat call, as the pipeline sees it after parsing the body (CONTRACT §1).
 *
 * @param maxTokens the output cap; never null once validated (the configured cap applies)
 * @param temperature null when the caller sent none
 * @param options tools, structured output and the other model parameters; {@link ModelOptions#NONE} for none
 */
public record ChatRequest(
        List<ChatMessage> messages,
        String model,
        boolean stream,
        int maxTokens,
        Double temperature,
        Map<String, String> metadata,
        ModelOptions options) {

    public ChatRequest {
        messages = List.copyOf(messages);
        metadata = Map.copyOf(metadata);
        options = options == null ? ModelOptions.NONE : options;
    }

    public ChatRequest(List<ChatMessage> messages, String model, boolean stream, int maxTokens, Double temperature,
            Map<String, String> metadata) {
        this(messages, model, stream, maxTokens, temperature, metadata, ModelOptions.NONE);
    }
}
