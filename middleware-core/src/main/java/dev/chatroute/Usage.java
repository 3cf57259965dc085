package dev.chatroute;

/**
 * Token counts of one call.
 *
 * @param cachedInputTokens the part of {@code inputTokens} the provider read from its prompt cache
 *     ({@code prompt_tokens_details.cached_tokens}); 0 when it reports none
 * @param reasoningTokens the part of {@code outputTokens} the model spent reasoning
 *     ({@code completion_tokens_details.reasoning_tokens}); 0 when it reports none
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens, int reasoningTokens) {

    /** Counts without cache or reasoning details. */
    public Usage(int inputTokens, int outputTokens) {
        this(inputTokens, outputTokens, 0, 0);
    }

    /** Their sum, as a {@code long}: two large counts must not overflow into a negative charge. */
    public long totalTokens() {
        return (long) inputTokens + outputTokens;
    }
}
