package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.ResponseChannel;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.Map;

/** Answers a non-streaming call by resuming its suspended {@link AsyncResponse}. */
public final class AsyncResponseChannel implements ResponseChannel {

    private final AsyncResponse async;

    public AsyncResponseChannel(AsyncResponse async) {
        this.async = async;
    }

    @Override
    public void sendJson(int status, Map<String, String> headers, String json) {
        async.resume(Responses.json(status, headers, json));
    }

    @Override
    public void openStream(Map<String, String> headers) {
        throw new IllegalStateException("a JSON call cannot become a stream; ChatRouteSelector chose the method");
    }

    @Override
    public boolean sendEvent(String event, String data) {
        throw new IllegalStateException("no stream is open");
    }

    @Override
    public boolean sendComment(String text) {
        throw new IllegalStateException("no stream is open");
    }

    @Override
    public void closeStream() {
        // nothing is open
    }
}
