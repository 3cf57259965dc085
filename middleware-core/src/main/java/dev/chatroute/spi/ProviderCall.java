package dev.chatroute.spi;

/** A call in flight. */
public interface ProviderCall {

    /**
     * Aborts the call: the provider's connection is closed so that it stops generating (and
     * billing). After this, no callback is delivered. Safe to call more than once.
     */
    void cancel();

    /**
     * The client is not keeping up: deliver nothing more until {@link #resume()} (for an HTTP
     * provider, stop asking the connection for data, so TCP holds the provider back). A provider
     * that cannot pause may ignore it; the core then ends a call whose client stays stuck.
     */
    default void pause() {
    }

    /** Delivery may go on after {@link #pause()}. */
    default void resume() {
    }
}
