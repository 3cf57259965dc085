package dev.chatroute.internal.routing;

import dev.chatroute.spi.ProviderException;
import java.time.Duration;

/**
 * One try of a target failed before its answer began. It carries the decision already taken about
 * a retry (budget spent and all), so that the guard's predicates only read it.
 */
public final class AttemptFailed extends RuntimeException {

    private final transient ProviderException failure;
    private final boolean retry;

    private AttemptFailed(ProviderException failure, boolean retry) {
        super(failure == null ? "the call ended" : failure.getMessage(), null, false, false);
        this.failure = failure;
        this.retry = retry;
    }

    /** A provider failure; {@code retry} says whether the same target is tried again. */
    public static AttemptFailed of(ProviderException failure, boolean retry) {
        return new AttemptFailed(failure, retry);
    }

    /** The call ended (client gone, timeout, shutdown) while this try was pending: nothing more is done. */
    public static AttemptFailed callEnded() {
        return new AttemptFailed(null, false);
    }

    /** The provider's failure, or null when the call ended. */
    public ProviderException failure() {
        return failure;
    }

    public boolean retry() {
        return retry;
    }

    /** The wait the provider asked for, when the next try honours it. */
    Duration retryAfter() {
        return failure == null ? null : failure.retryAfter().orElse(null);
    }

    boolean hurtsCircuit() {
        return failure != null && RetryPolicy.hurtsCircuit(failure);
    }
}
