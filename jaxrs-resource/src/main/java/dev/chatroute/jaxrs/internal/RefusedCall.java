package dev.chatroute.jaxrs.internal;

import java.util.Map;

/**
 * A call the core answered at once with an error, before a stream could open. The SSE resource
 * method throws it (a sink's response cannot carry an error status) and {@link RefusedCallMapper}
 * turns it back into the core's JSON error.
 */
public final class RefusedCall extends RuntimeException {

    private final int status;
    private final transient Map<String, String> headers;
    private final String json;

    public RefusedCall(int status, Map<String, String> headers, String json) {
        super("refused with HTTP " + status, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.json = json;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String json() {
        return json;
    }
}
