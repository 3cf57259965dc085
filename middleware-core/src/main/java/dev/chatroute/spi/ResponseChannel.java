package dev.chatroute.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Where the core writes its answer; an adapter implements it over its own HTTP API. The core calls
 * it from one thread at a time, and calls exactly one of {@link #sendJson} or
 * {@link #openStream} per exchange. An {@link IOException} means the client went away.
 */
public interface ResponseChannel {

    /** A complete JSON answer or error, with the given status and headers. */
    void sendJson(int status, Map<String, String> headers, String json);

    /** Commits a 200 {@code text/event-stream} response with these headers. */
    void openStream(Map<String, String> headers) throws IOException;

    /** Writes one event and flushes it. */
    void sendEvent(String event, String data) throws IOException;

    /** Writes a comment line ({@code : text}) and flushes it. */
    void sendComment(String text) throws IOException;

    /** Ends the stream and completes the response. */
    void closeStream();
}
