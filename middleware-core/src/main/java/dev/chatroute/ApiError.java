package dev.chatroute;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the contract's error table: the HTTP status, the error {@code type} and {@code code},
 * a message safe to show to the caller, the offending parameter if any, and how long to wait
 * before trying again if that is known.
 */
public record ApiError(int status, String type, String code, String message, String param, Duration retryAfter) {

    public ApiError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ApiError invalidRequest(String code, String message, String param) {
        return new ApiError(400, "invalid_request_error", code, message, param, null);
    }

    public Optional<Duration> retryAfterDuration() {
        return Optional.ofNullable(retryAfter);
    }

    /** This error as a throwable, for code paths that refuse a call by throwing. */
    public ApiErrorException toException() {
        return new ApiErrorException(this);
    }
}
