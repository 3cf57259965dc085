package dev.chatroute.internal.routing;

import dev.chatroute.spi.ProviderException;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * One try of a target failed before its answer began, or was abandoned. It carries the decisions
 * already taken (a retry, budget spent and all; whether it counts against the circuit), so that the
 * guard's predicates only read it.
 */
public final class AttemptFailed extends RuntimeException {

    private static final LongConsumer NOBODY = delay -> { };

    private final transient ProviderException failure;
    private final boolean retry;
    private final boolean abandonedTrial;
    private final transient LongConsumer onRetry;

    private AttemptFailed(ProviderException failure, boolean retry, boolean abandonedTrial, LongConsumer onRetry) {
        super(failure == null ? "the call ended" : failure.getMessage(), null, false, false);
        this.failure = failure;
        this.retry = retry;
        this.abandonedTrial = abandonedTrial;
        this.onRetry = onRetry;
    }

    /**
     * A provider failure; {@code retry} says whether the same target is tried again, and
     * {@code onRetry} hears the wait before that retry (in milliseconds) once it is chosen.
     */
    public static AttemptFailed of(ProviderException failure, boolean retry, LongConsumer onRetry) {
        return new AttemptFailed(failure, retry, false, onRetry);
    }

    /** The call ended (client gone, timeout, shutdown) before this try could start: no try is made. */
    public static AttemptFailed callEnded() {
        return new AttemptFailed(null, false, false, NOBODY);
    }

    /**
     * The call ended while this try was waiting for its first token. In a closed circuit that says
     * nothing of the provider; a half-open circuit must still hear an outcome to free its one trial,
     * and SmallRye knows only success and failure, so a trial counts as failed (one more delay).
     */
    public static AttemptFailed abandoned(boolean halfOpenTrial) {
        return new AttemptFailed(null, false, halfOpenTrial, NOBODY);
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

    void retryScheduled(long delayMillis) {
        onRetry.accept(delayMillis);
    }

    boolean hurtsCircuit() {
        return failure != null ? RetryPolicy.hurtsCircuit(failure) : abandonedTrial;
    }
}
