package dev.chatroute;

/** A call the gateway is serving; the adapter holds it to report that the client went away. */
public interface Exchange {

    /** An exchange that was already answered in full; cancelling it does nothing. */
    Exchange ANSWERED = () -> { };

    /** The client disconnected: cancel the provider call and account for what was delivered. */
    void cancel();
}
