package dev.chatroute.spi;

import dev.chatroute.Usage;

/** Receives a provider's answer as it arrives. */
public interface ProviderListener {

    /** A piece of the answer's text; a non-streaming call delivers the whole text in one piece. */
    void onDelta(String text);

    /**
     * A piece of a tool call, normalised whatever the provider's stream looked like: {@code index}
     * tells the calls of one answer apart (0, 1, ...); {@code id} and {@code name} come on a
     * call's first piece only (null after); the concatenation of a call's {@code argumentsDelta}
     * is its arguments. A non-streaming answer delivers each call in one piece.
     */
    default void onToolCall(int index, String id, String name, String argumentsDelta) {
    }

    /** The provider's own token counts, if it reports them. */
    void onUsage(Usage usage);

    /** The answer is complete. */
    void onComplete(String finishReason);

    /**
     * The model the provider says answered (the {@code model} of its chunks or body), which may name
     * a version of the one asked for; at most once per call, before the text it came with.
     */
    default void onModel(String model) {
    }

    /** The call failed; nothing more follows. */
    void onError(ProviderException failure);
}
