package dev.chatroute.spi;

import java.util.Map;

/**
 * Where the core writes its answer; an adapter implements it over its own HTTP API.
 *
 * <p>No method blocks: a write is queued in the channel's own bounded buffer and written when the
 * client can take it (servlet {@code WriteListener}, {@code SseEventSink.send} stages). When the
 * buffer is past its bound, {@link #sendEvent} and {@link #sendComment} return {@code false} (the
 * item is still queued); the core then stops asking its provider for more until
 * {@link Callbacks#writable()}. A write that fails, or a client the container reports gone, is told
 * through {@link Callbacks#clientGone()}; no method throws for it.
 *
 * <p>The core calls one method at a time per exchange (never concurrently), and exactly one of
 * {@link #sendJson} or {@link #openStream}.
 */
public interface ResponseChannel {

    /** A complete JSON answer or error, with the given status and headers; the response then ends. */
    void sendJson(int status, Map<String, String> headers, String json);

    /** Commits a 200 {@code text/event-stream} response with these headers. */
    void openStream(Map<String, String> headers);

    /**
     * Queues one event, to be flushed as soon as the client takes it.
     *
     * @return whether the buffer still has room; {@code false} asks the core to wait for {@link Callbacks#writable()}
     */
    boolean sendEvent(String event, String data);

    /** Queues a comment line ({@code : text}); returns as {@link #sendEvent} does. */
    boolean sendComment(String text);

    /** Ends the stream once what is queued is written, and completes the response. */
    void closeStream();

    /**
     * Ends the exchange at once, with no further answer: the client left, or stopped reading for
     * longer than the call may wait. What is still queued may be dropped; the response is completed
     * so that the container can let the request go. Called at most once, instead of
     * {@link #sendJson} or {@link #closeStream}.
     */
    default void abort() {
        closeStream();
    }

    /**
     * The core's hooks for this exchange, given once before anything of an admitted call is written
     * (a refusal written during admission gets none). Callbacks may come on any thread.
     */
    default void bind(Callbacks callbacks) {
    }

    /** What a channel tells the core. Both return at once; the core handles them as events. */
    interface Callbacks {

        /** A buffer that was past its bound has room again. */
        void writable();

        /** A write failed, or the container reported that the client went away. */
        void clientGone();
    }
}
