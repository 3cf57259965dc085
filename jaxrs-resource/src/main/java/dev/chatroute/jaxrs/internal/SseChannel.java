package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Streams the core's events through an {@link SseEventSink}. A refusal that arrives before the
 * stream opens is kept, for the resource method to throw as a {@link RefusedCall}. The stream's
 * headers go to a request attribute, which JAX-RS shows as a request property in a servlet container
 * (a resource method cannot portably get the request context: RESTEasy refuses it), where
 * {@link StreamHeadersFilter} puts them on the response.
 */
public final class SseChannel implements ResponseChannel {

    /** The request property holding the headers the core chose for the stream. */
    public static final String HEADERS = "dev.chatroute.jaxrs.streamHeaders";

    private final SseEventSink sink;
    private final Sse sse;
    private final HttpServletRequest request;
    private RefusedCall refusal;
    private Runnable onClientGone = () -> { };

    public SseChannel(SseEventSink sink, Sse sse, HttpServletRequest request) {
        this.sink = sink;
        this.sse = sse;
        this.request = request;
    }

    /** What to do when a write finishes late and failed (implementations that send asynchronously). */
    public void onClientGone(Runnable action) {
        this.onClientGone = action;
    }

    public synchronized RefusedCall refusal() {
        return refusal;
    }

    @Override
    public synchronized void sendJson(int status, Map<String, String> headers, String json) {
        refusal = new RefusedCall(status, headers, json);
    }

    @Override
    public void openStream(Map<String, String> headers) {
        request.setAttribute(HEADERS, headers);
    }

    @Override
    public boolean sendEvent(String event, String data) {
        return send(sse.newEventBuilder().name(event).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build());
    }

    @Override
    public boolean sendComment(String text) {
        return send(sse.newEventBuilder().comment(text).build());
    }

    @Override
    public void closeStream() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }

    @Override
    public void bind(Callbacks callbacks) {
        onClientGone(callbacks::clientGone);
    }

    private boolean send(OutboundSseEvent event) {
        try {
            sendOrThrow(event);
        } catch (IOException e) {
            onClientGone.run();
        }
        return true;
    }

    private void sendOrThrow(OutboundSseEvent event) throws IOException {
        if (sink.isClosed()) {
            throw new IOException("the event stream is closed");
        }
        CompletionStage<?> sent = sink.send(event);
        CompletableFuture<?> result = sent.toCompletableFuture();
        if (result.isDone()) {
            // Jersey reports a failed write as a completed stage whose value is the exception.
            Object value = result.isCompletedExceptionally() ? new IOException("write failed") : result.getNow(null);
            if (value instanceof Throwable || sink.isClosed()) {
                throw new IOException("the client closed the event stream");
            }
        } else {
            sent.whenComplete((value, failure) -> {
                if (failure != null || value instanceof Throwable) {
                    onClientGone.run();
                }
            });
        }
    }
}
