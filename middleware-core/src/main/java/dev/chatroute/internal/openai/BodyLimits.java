package dev.chatroute.internal.openai;

/**
 * How much of a provider's answer Chatroute holds in memory at once: a provider that never ends a
 * line, or sends a body of hundreds of megabytes, fails its try instead of filling the heap.
 *
 * @param maxLineBytes the longest line of a stream, and the longest event (its data lines together)
 * @param maxJsonBytes the largest whole JSON answer
 * @param maxErrorBytes the most of an error body read (for its type and code); the rest is not read
 */
public record BodyLimits(int maxLineBytes, int maxJsonBytes, int maxErrorBytes) {

    public static final int MAX_JSON_BYTES = 8 << 20;
    public static final int MAX_ERROR_BYTES = 64 << 10;
    public static final BodyLimits DEFAULT = of(1 << 20);

    public static BodyLimits of(int maxLineBytes) {
        return new BodyLimits(maxLineBytes, MAX_JSON_BYTES, MAX_ERROR_BYTES);
    }
}
