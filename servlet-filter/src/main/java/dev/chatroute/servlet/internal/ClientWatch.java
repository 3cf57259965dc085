package dev.chatroute.servlet.internal;

import dev.chatroute.Exchange;
import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * Notices a client that leaves while its call waits for the provider, before anything is written
 * (the container's own listeners only learn of it from a failed write). Where the container's
 * socket is reachable ({@link PeerSockets}), its peer close cancels the exchange; elsewhere this
 * does nothing and the adapters rely on the portable signals. The watch stops before the last
 * write, so the container finds the connection as it left it and can keep it alive.
 */
public final class ClientWatch {

    private final ServletRequest request;
    private final SocketChannel socket;
    private Runnable stop;
    private boolean ended;

    private ClientWatch(ServletRequest request, SocketChannel socket) {
        this.request = request;
        this.socket = socket;
    }

    /** A watch over this request's connection; it starts with {@link #attach}. */
    public static ClientWatch of(ServletRequest request) {
        return new ClientWatch(request, PeerSockets.of(request));
    }

    /** Wraps the channel given to the gateway, so that the watch ends before the answer's last write. */
    public ResponseChannel around(ResponseChannel channel) {
        return new Watched(channel);
    }

    /** Starts watching once {@code serve} returned, unless the call was already answered. */
    public synchronized void attach(Exchange exchange) {
        if (!ended && socket != null) {
            // taken now, on the request's thread: a JAX-RS proxy answers only there
            AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : null;
            stop = PeerCloseWatcher.watch(socket, () -> cancelOffTheWatch(async, exchange));
        }
    }

    /** Cancels on a container thread, so usage listeners never hold up the watch of other calls. */
    private static void cancelOffTheWatch(AsyncContext async, Exchange exchange) {
        try {
            if (async != null) {
                async.start(exchange::cancel);
                return;
            }
        } catch (IllegalStateException e) {
            // the request is already over; cancelling below does nothing then
        }
        exchange.cancel();
    }

    /** Stops watching; safe to call more than once, from any thread. */
    public synchronized void stop() {
        ended = true;
        if (stop != null) {
            stop.run();
            stop = null;
        }
    }

    private final class Watched implements ResponseChannel {
        private final ResponseChannel delegate;

        Watched(ResponseChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public void sendJson(int status, Map<String, String> headers, String json) {
            stop();
            delegate.sendJson(status, headers, json);
        }

        @Override
        public void openStream(Map<String, String> headers) {
            delegate.openStream(headers);
        }

        @Override
        public boolean sendEvent(String event, String data) {
            return delegate.sendEvent(event, data);
        }

        @Override
        public boolean sendComment(String text) {
            return delegate.sendComment(text);
        }

        @Override
        public void closeStream() {
            stop();
            delegate.closeStream();
        }

        @Override
        public void abort() {
            stop();
            delegate.abort();
        }

        @Override
        public void bind(Callbacks callbacks) {
            delegate.bind(callbacks);
        }
    }
}
