package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.spi.ProviderException;
import java.time.Duration;

/** Decides, in one place, which contract error a failed provider call becomes (CONTRACT §1). */
final class ErrorMapper {

    private ErrorMapper() {
    }

    static ApiError fromProvider(ProviderException failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> timeout(failure instanceof AttemptTimeout t ? "The model provider " + t.what()
                    : "The model provider did not answer in time");
            case HTTP_STATUS -> fromStatus(failure.status(), failure.retryAfter().orElse(null));
            case CONNECTION -> unavailable("The model provider could not be reached", null);
            case STREAM_CUT -> unavailable("The model provider broke off its answer", null);
            case PROTOCOL -> new ApiError(502, "upstream_error", "upstream_protocol_error",
                    "The model provider sent an answer Chatroute could not read", null, null);
        };
    }

    private static ApiError fromStatus(int status, Duration retryAfter) {
        // A refusal that retrying cannot fix (bad request, bad key, no such model) is ours to fix.
        if (status == 400 || status == 401 || status == 403 || status == 404 || status == 422) {
            return new ApiError(502, "upstream_error", "upstream_rejected",
                    "The model provider refused the call (HTTP " + status + "); the server's configuration "
                            + "needs attention", null, null);
        }
        return unavailable("The model provider is unavailable (HTTP " + status + ")", retryAfter);
    }

    private static ApiError unavailable(String message, Duration retryAfter) {
        return new ApiError(503, "upstream_unavailable", "upstream_unavailable", message, null, retryAfter);
    }

    static ApiError timeout(String message) {
        return new ApiError(504, "upstream_timeout", "upstream_timeout", message, null, null);
    }

    /** Every target of the chain is cooling down after repeated failures (circuit open). */
    static ApiError circuitOpen(Duration retryAfter) {
        return unavailable("Every model provider for this model is cooling down after repeated failures; "
                + "try again shortly", retryAfter);
    }

    static ApiError shuttingDown() {
        return new ApiError(503, "upstream_unavailable", "shutting_down",
                "Chatroute is shutting down; try again shortly", null, null);
    }

    static ApiError internal() {
        return new ApiError(500, "api_error", "internal_error",
                "Chatroute failed unexpectedly; the server log has the details", null, null);
    }
}
