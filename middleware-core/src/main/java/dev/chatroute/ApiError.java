package dev.chatroute;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the contract's error table: the HTTP status, the error {@code type} and {@code code},
 * a message safe to show to the caller, the offending parameter if any, and how long to wait
 * before trying again if that is known.
 *
 * @param upstreamStatus the provider's HTTP status behind this error (its 429 once retries and
 *     fallbacks are spent, say), 0 when none; never on the wire of {@code /api/chat}, but the
 *     OpenAI facade answers a provider's 429 as OpenAI's {@code rate_limit_exceeded}
 */
public record ApiError(int status, String type, String code, String message, String param, Duration retryAfter,
        int upstreamStatus) {

    public ApiError(int status, String type, String code, String message, String param, Duration retryAfter) {
        this(status, type, code, message, param, retryAfter, 0);
    }

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

    /** The same error, saying which provider status caused it. */
    public ApiError causedByUpstreamStatus(int providerStatus) {
        return new ApiError(status, type, code, message, param, retryAfter, providerStatus);
    }

    /** This error as a throwable, for code paths that refuse a call by throwing. */
    public ApiErrorException toException() {
        return new ApiErrorException(this);
    }
}
