package dev.chatroute.servlet.internal;

import dev.chatroute.Exchange;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/** Cancels the call when the container reports the client gone, or times the request out. */
public final class DisconnectListener implements AsyncListener {

    private final AsyncServletChannel channel;
    private final ClientWatch watch;
    private volatile Exchange exchange;
    private volatile boolean ended;

    public DisconnectListener(AsyncServletChannel channel) {
        this(channel, null);
    }

    /** Also ends the connection watch when the request ends, whichever way it ends. */
    public DisconnectListener(AsyncServletChannel channel, ClientWatch watch) {
        this.channel = channel;
        this.watch = watch;
    }

    /** Called once {@code serve} has returned; cancels at once if the client already left. */
    public void attach(Exchange exchange) {
        this.exchange = exchange;
        if (ended) {
            exchange.cancel();
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        clientGone();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientGone();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // a normal end; the core has already finished the call
        stopWatch();
    }

    private void stopWatch() {
        if (watch != null) {
            watch.stop();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }

    private void clientGone() {
        ended = true;
        stopWatch();
        Exchange e = exchange;
        if (e != null) {
            e.cancel();
        }
        channel.complete();
    }
}
