package dev.chatroute;

import dev.chatroute.internal.pipeline.ChatPipeline;
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

    /**
     * The refusal for an error a gateway method threw (such as {@link Chatroute#usageOfLastDays}'s
     * 400), as the contract's JSON error under the request id an earlier outcome carried.
     */
    public static GuardOutcome refuse(String requestId, ApiError error) {
        return ChatPipeline.refused(requestId, error);
    }
}
