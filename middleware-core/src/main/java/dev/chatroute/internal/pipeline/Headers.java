package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The response headers the contract asks for, built in one place for both adapters. */
final class Headers {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";

    private Headers() {
    }

    static Map<String, String> json(String requestId, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        h.put("Cache-Control", "no-store");
        h.put(RequestIds.HEADER, requestId);
        h.putAll(extra);
        return h;
    }

    static Map<String, String> error(String requestId, ApiError error, Map<String, String> extra) {
        Map<String, String> h = json(requestId, extra);
        error.retryAfterDuration().ifPresent(wait -> h.put("Retry-After", String.valueOf(wholeSeconds(wait))));
        if (error.status() == 405) {
            h.putIfAbsent("Allow", "POST, OPTIONS"); // a route that serves GET says so in the error's headers
        }
        return h;
    }

    static Map<String, String> stream(String requestId, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", EVENT_STREAM);
        h.put("Cache-Control", "no-cache");
        h.put("X-Accel-Buffering", "no");
        h.put(RequestIds.HEADER, requestId);
        h.putAll(extra);
        return h;
    }

    /** Headers of an answer without a body (a CORS preflight). */
    static Map<String, String> empty(String requestId, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(RequestIds.HEADER, requestId);
        h.putAll(extra);
        return h;
    }

    /** Retry-After is whole seconds; round up so a client never retries too early. */
    static long wholeSeconds(Duration wait) {
        long ms = Math.max(0, wait.toMillis());
        return Math.max(1, (ms + 999) / 1000);
    }
}
