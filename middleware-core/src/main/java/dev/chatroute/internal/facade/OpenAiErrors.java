package dev.chatroute.internal.facade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.ApiError;
import dev.chatroute.internal.json.Json;

/**
 * The facade's errors in OpenAI's shape ({@code {"error":{"message","type","param","code"}}}) and
 * with OpenAI's status and code where OpenAI has one, so that an official SDK raises its own
 * exception type (it picks the class by status): an unknown alias is 404 {@code model_not_found};
 * a per-user or global limit, and a provider's 429 once our retries and fallbacks are spent, are
 * 429 {@code rate_limit_exceeded}; a spend budget is 429 {@code insufficient_quota}. Every other
 * error keeps the chat route's status and code (a 400's {@code param} included), with OpenAI's
 * {@code server_error} type for 5xx. The Retry-After and X-Request-Id headers are the pipeline's,
 * as on {@code /api/chat}.
 */
public final class OpenAiErrors {

    static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
    static final String INSUFFICIENT_QUOTA = "insufficient_quota";

    private OpenAiErrors() {
    }

    /** The error as the facade answers it; its message stays Chatroute's, which names the limit. */
    public static ApiError translate(ApiError error) {
        String code = error.code();
        if (code.equals("model_not_found")) {
            return with(error, 404, "invalid_request_error", code);
        }
        if (code.equals("budget_exceeded")) {
            return with(error, 429, INSUFFICIENT_QUOTA, INSUFFICIENT_QUOTA);
        }
        if (error.status() == 429) { // requests_per_minute, tokens_per_day, concurrent_streams, global_*
            return with(error, 429, code.contains("tokens") ? "tokens" : "requests", RATE_LIMIT_EXCEEDED);
        }
        if (error.upstreamStatus() == 429) {
            return with(error, 429, "requests", RATE_LIMIT_EXCEEDED);
        }
        if (error.status() >= 500) {
            return with(error, error.status(), "server_error", code);
        }
        return error;
    }

    public static int status(ApiError error) {
        return translate(error).status();
    }

    /** {@code {"error":{...}}}, the body of a refusal and the data of a stream's error event alike. */
    public static String body(ApiError error) {
        ApiError e = translate(error);
        ObjectNode root = Json.object();
        ObjectNode object = root.putObject("error");
        object.put("message", e.message());
        object.put("type", e.type());
        object.put("param", e.param()); // null when none, as OpenAI writes it
        object.put("code", e.code());
        return Json.write(root);
    }

    private static ApiError with(ApiError error, int status, String type, String code) {
        return new ApiError(status, type, code, error.message(), error.param(), error.retryAfter(),
                error.upstreamStatus());
    }
}
