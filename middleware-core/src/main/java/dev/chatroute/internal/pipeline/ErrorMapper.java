package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.routing.UpstreamStatus;
import dev.chatroute.spi.ProviderException;
import java.time.Duration;

/** Decides, in one place, which contract error a failed provider call becomes (CONTRACT §1). */
final class ErrorMapper {

    private ErrorMapper() {
    }

    /**
     * How long a caller waits after a provider's 429 that said nothing: SDKs retry a 429 at once
     * without a {@code Retry-After}, which only meets the same limit again.
     */
    static final Duration RATE_LIMITED_WAIT = Duration.ofSeconds(1);

    static ApiError fromProvider(ProviderException failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> timeout(failure instanceof AttemptTimeout t ? "The model provider " + t.what()
                    : ContractError.UPSTREAM_TIMEOUT.defaultMessage());
            case HTTP_STATUS -> fromStatus(failure.status(), failure.retryAfter().orElse(null))
                    .causedByUpstreamStatus(failure.status());
            case CONNECTION -> unavailable("The model provider could not be reached", null);
            case STREAM_CUT -> unavailable("The model provider broke off its answer", null);
            case PROTOCOL -> ContractError.UPSTREAM_PROTOCOL_ERROR.error();
        };
    }

    /** The same classification that decides retries, so a retried status is never called unfixable. */
    private static ApiError fromStatus(int status, Duration retryAfter) {
        return switch (UpstreamStatus.of(status)) {
            // A refusal that retrying cannot fix (bad request, bad key, no such model) is ours to fix.
            case MISCONFIGURED, REQUEST_REJECTED -> ContractError.UPSTREAM_REJECTED.error("The model provider "
                    + "refused the call (HTTP " + status + "); the server's configuration needs attention");
            case NOT_AN_ENDPOINT -> ContractError.UPSTREAM_REJECTED.error("The model provider answered HTTP "
                    + status + " instead of a chat completion; the server's configuration needs attention");
            case RETRYABLE, SERVER_FAILURE, OTHER ->
                    unavailable("The model provider is unavailable (HTTP " + status + ")",
                            retryAfter == null && status == 429 ? RATE_LIMITED_WAIT : retryAfter);
        };
    }

    private static ApiError unavailable(String message, Duration retryAfter) {
        return ContractError.UPSTREAM_UNAVAILABLE.error(message, null, retryAfter);
    }

    static ApiError timeout(String message) {
        return ContractError.UPSTREAM_TIMEOUT.error(message);
    }

    /** Every target of the chain is cooling down after repeated failures (circuit open). */
    static ApiError circuitOpen(Duration retryAfter) {
        return unavailable("Every model provider for this model is cooling down after repeated failures; "
                + "try again shortly", retryAfter);
    }

    static ApiError shuttingDown() {
        return ContractError.SHUTTING_DOWN.error();
    }

    static ApiError internal() {
        return ContractError.INTERNAL_ERROR.error();
    }
}
