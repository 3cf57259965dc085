package dev.chatroute.internal.tracing;

import dev.chatroute.spi.HttpCall;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The W3C trace context headers ({@code traceparent}, {@code tracestate}): read from an incoming
 * request, and the only headers of a client's request that may ever travel upstream. Names no
 * OpenTelemetry type, so the pipeline uses it whether or not the API is on the class path.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** W3C's advice for tracestate; a traceparent is 55 characters. */
    static final int MAX_CHARS = 512;

    private TraceHeaders() {
    }

    /** The request's trace context, as sent; a value too long or not printable ASCII is left out. */
    public static Map<String, String> of(HttpCall call) {
        Map<String, String> found = new LinkedHashMap<>(2);
        for (String name : new String[] {TRACEPARENT, TRACESTATE}) {
            String value = call.header(name);
            if (sendable(value)) {
                found.put(name, value);
            }
        }
        return found.isEmpty() ? Map.of() : Map.copyOf(found);
    }

    /** Whether a header value can be passed on as is: printable ASCII, not empty, of a sane length. */
    public static boolean sendable(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_CHARS
                && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /**
     * A listener of one call that has headers for that call's upstream requests: the trace context of
     * its span. Asked on the call's loop just after {@code attemptStart}; it must be fast and not throw.
     */
    public interface Source {
        Map<String, String> upstreamHeaders();
    }
}
