package dev.chatroute.spi;

/** A call in flight. */
public interface ProviderCall {

    /**
     * Aborts the call: the provider's connection is closed so that it stops generating (and
     * billing). After this, no callback is delivered. Safe to call more than once.
     */
    void cancel();
}
