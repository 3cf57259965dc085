package dev.chatroute;

import java.util.Map;

/**
 * The verdict on a request to a guarded path (not the chat route): let it through with these
 * headers added, or answer it with this status, headers and JSON error.
 */
public record GuardOutcome(boolean allowed, int status, Map<String, String> headers, String body) {

    public GuardOutcome {
        headers = Map.copyOf(headers);
    }

    public static GuardOutcome allow(Map<String, String> headers) {
        return new GuardOutcome(true, 0, headers, null);
    }

    public static GuardOutcome refuse(int status, Map<String, String> headers, String body) {
        return new GuardOutcome(false, status, headers, body);
    }
}
