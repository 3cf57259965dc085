package dev.chatroute.internal.routing;

import dev.chatroute.spi.ProviderException;

/**
 * Which provider failures are worth another try, which move on to the next target, and which end
 * the chain. HTTP statuses are classified by {@link UpstreamStatus}, which the error mapping reads
 * too. Only failures before the first delta get this far; after it, any failure ends the answer.
 */
public final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * Worth trying the same target again: a lost connection, a stream that broke before any text, or
     * a retryable status.
     */
    public static boolean retryable(ProviderException failure) {
        return switch (failure.kind()) {
            case CONNECTION, STREAM_CUT -> true;
            case HTTP_STATUS -> UpstreamStatus.of(failure.status()).retryable();
            case PROTOCOL, TIMEOUT -> false;
        };
    }

    /** A refusal caused by the server's configuration of this target (bad key, no such model). */
    public static boolean misconfigured(ProviderException failure) {
        return failure.kind() == ProviderException.Kind.HTTP_STATUS
                && UpstreamStatus.of(failure.status()) == UpstreamStatus.MISCONFIGURED;
    }

    /** An answer that did not come from a chat completions endpoint (a redirect, 405, 413): see the base URL. */
    public static boolean notAnEndpoint(ProviderException failure) {
        return failure.kind() == ProviderException.Kind.HTTP_STATUS
                && UpstreamStatus.of(failure.status()) == UpstreamStatus.NOT_AN_ENDPOINT;
    }

    /**
     * Whether the next target should be tried. A request the provider found bad (400, 422...)
     * would be refused by the next one too, so it ends the chain; everything else moves on.
     */
    public static boolean movesOn(ProviderException failure) {
        return failure.kind() != ProviderException.Kind.HTTP_STATUS || UpstreamStatus.of(failure.status()).movesOn();
    }

    /**
     * Whether a failure counts against the target's circuit: the provider is down, slow, overloaded
     * or refusing our key. A request it found bad says nothing about its health.
     */
    public static boolean hurtsCircuit(ProviderException failure) {
        return failure.kind() != ProviderException.Kind.HTTP_STATUS || movesOn(failure);
    }
}
