package dev.chatroute;

/** Token counts of one call. */
public record Usage(int inputTokens, int outputTokens) {

    /** Their sum, as a {@code long}: two large counts must not overflow into a negative charge. */
    public long totalTokens() {
        return (long) inputTokens + outputTokens;
    }
}
