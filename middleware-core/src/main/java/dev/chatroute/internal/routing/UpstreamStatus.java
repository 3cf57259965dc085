package dev.chatroute.internal.routing;

import java.util.Set;

/**
 * What a provider's HTTP error status says about the call, decided here once: {@link RetryPolicy}
 * reads it to retry or move on, and the pipeline's error mapping reads it to choose the contract
 * error the caller sees. Keeping both on one classification means a status can never be retried
 * and yet reported as a refusal that retrying cannot fix.
 */
public enum UpstreamStatus {

    /** A later try may get past it: timeouts, conflicts, rate limits, overload, Groq's 498, 5xx gateways. */
    RETRYABLE(true, true),
    /** The provider refused our key or model: this target is misconfigured, the next one may not be. */
    MISCONFIGURED(false, true),
    /** The provider found the request itself bad; the next target would refuse it too. */
    REQUEST_REJECTED(false, false),
    /** Another server-side failure (501, 505...): not worth repeating here, but the next target may answer. */
    SERVER_FAILURE(false, true),
    /**
     * Not an answer from a chat completions endpoint: a redirect (3xx: a base URL that moved, or a
     * login portal), 405 (a base URL that points at something else), 413 (a request too large for
     * this target). Asking again brings the same; the next target may answer. The caller gets 502.
     */
    NOT_AN_ENDPOINT(false, true),
    /**
     * Any other status (410, 406, or a non-error status sent as one): it ends the chain like a
     * rejected request, but the caller is told the provider is unavailable, as before this class.
     */
    OTHER(false, false);

    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 409, 429, 498, 500, 502, 503, 504, 529);
    private static final Set<Integer> MISCONFIGURED_STATUSES = Set.of(401, 403, 404);
    private static final Set<Integer> REJECTED_STATUSES = Set.of(400, 422);
    private static final Set<Integer> NOT_AN_ENDPOINT_STATUSES = Set.of(405, 413);

    private final boolean retryable;
    private final boolean movesOn;

    UpstreamStatus(boolean retryable, boolean movesOn) {
        this.retryable = retryable;
        this.movesOn = movesOn;
    }

    public static UpstreamStatus of(int status) {
        if (RETRYABLE_STATUSES.contains(status)) {
            return RETRYABLE;
        }
        if (MISCONFIGURED_STATUSES.contains(status)) {
            return MISCONFIGURED;
        }
        if (REJECTED_STATUSES.contains(status)) {
            return REQUEST_REJECTED;
        }
        if (status / 100 == 3 || NOT_AN_ENDPOINT_STATUSES.contains(status)) {
            return NOT_AN_ENDPOINT;
        }
        return status >= 500 ? SERVER_FAILURE : OTHER;
    }

    /** Worth trying the same target again. */
    public boolean retryable() {
        return retryable;
    }

    /** Worth trying the next target of the chain; also whether the failure hurts the target's circuit. */
    public boolean movesOn() {
        return movesOn;
    }
}
