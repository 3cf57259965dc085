package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.ResponseChannel;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.Map;

/**
 * Answers a non-streaming call by resuming its suspended {@link AsyncResponse}, which hands the
 * response to the runtime and returns at once. A response that can no longer be resumed (cancelled,
 * timed out, its client gone) is told as {@link Callbacks#clientGone()}.
 */
public final class AsyncResponseChannel implements ResponseChannel {

    private final AsyncResponse async;
    private volatile Callbacks callbacks;

    public AsyncResponseChannel(AsyncResponse async) {
        this.async = async;
    }

    @Override
    public void bind(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void sendJson(int status, Map<String, String> headers, String json) {
        boolean resumed;
        try {
            resumed = async.resume(Responses.json(status, headers, json));
        } catch (IllegalStateException alreadyEnded) {
            resumed = false;
        }
        Callbacks c = callbacks;
        if (!resumed && c != null) {
            c.clientGone();
        }
    }

    @Override
    public void openStream(Map<String, String> headers) {
        throw new IllegalStateException("a JSON call cannot become a stream; ChatRouteSelector chose the method");
    }

    @Override
    public boolean sendEvent(String event, String data) {
        throw new IllegalStateException("no stream is open: a JSON call cannot send events");
    }

    @Override
    public boolean sendComment(String text) {
        throw new IllegalStateException("no stream is open: a JSON call cannot send comments");
    }

    @Override
    public void closeStream() {
        // nothing is open
    }

    /** The client is gone: end the suspended response, so the runtime lets the request go. */
    @Override
    public void abort() {
        try {
            async.cancel();
        } catch (IllegalStateException alreadyEnded) {
            // nothing is left to end
        }
    }
}
