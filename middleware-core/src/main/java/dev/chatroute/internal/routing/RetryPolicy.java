package dev.chatroute.internal.routing;

import dev.chatroute.spi.ProviderException;
import java.util.Set;

/**
 * Which provider failures are worth another try, which move on to the next target, and which end
 * the chain: decided here and nowhere else. Only failures before the first delta get this far;
 * after it, any failure ends the answer.
 */
public final class RetryPolicy {

    /** Statuses a later try may get past: timeouts, conflicts, rate limits, overload, Groq's 498, 5xx gateways. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 409, 429, 498, 500, 502, 503, 504, 529);
    /** The provider refused our key: the target is misconfigured, the next one may not be. */
    private static final Set<Integer> MISCONFIGURED = Set.of(401, 403, 404);

    private RetryPolicy() {
    }

    /** Worth trying the same target again: a lost connection, a stream that broke before any text, or a status above. */
    public static boolean retryable(ProviderException failure) {
        return switch (failure.kind()) {
            case CONNECTION, STREAM_CUT -> true;
            case HTTP_STATUS -> RETRYABLE.contains(failure.status());
            case PROTOCOL, TIMEOUT -> false;
        };
    }

    /** A refusal caused by the server's configuration of this target (bad key, no such model). */
    public static boolean misconfigured(ProviderException failure) {
        return failure.kind() == ProviderException.Kind.HTTP_STATUS && MISCONFIGURED.contains(failure.status());
    }

    /**
     * Whether the next target should be tried. A request the provider found bad (400, 413, 422...)
     * would be refused by the next one too, so it ends the chain; everything else moves on.
     */
    public static boolean movesOn(ProviderException failure) {
        if (failure.kind() != ProviderException.Kind.HTTP_STATUS) {
            return true;
        }
        int status = failure.status();
        return status >= 500 || RETRYABLE.contains(status) || MISCONFIGURED.contains(status);
    }

    /**
     * Whether a failure counts against the target's circuit: the provider is down, slow, overloaded
     * or refusing our key. A request it found bad says nothing about its health.
     */
    public static boolean hurtsCircuit(ProviderException failure) {
        return failure.kind() != ProviderException.Kind.HTTP_STATUS || movesOn(failure);
    }
}
