package dev.chatroute.spi;

import dev.chatroute.Usage;

/** Receives a provider's answer as it arrives. */
public interface ProviderListener {

    /** A piece of the answer's text; a non-streaming call delivers the whole text in one piece. */
    void onDelta(String text);

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
