package dev.chatroute;

/** Token counts of one call. */
public record Usage(int inputTokens, int outputTokens) {

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
