package dev.chatroute.internal.routing;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * The wait before a retry: what the provider asked for ({@code Retry-After}, already checked against
 * the cap), else exponential backoff with full jitter, a random wait between 0 and
 * {@code min(max-delay, initial-delay * 2^(retry-1))}, so that many clients do not retry in step.
 * One instance per guarded call, as SmallRye's {@code withCustomBackoff} asks.
 */
final class Backoff implements CustomBackoffStrategy {

    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator random; // bound (inclusive) -> a value in [0, bound]
    private int retries;

    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        retries++;
        long delay = cause instanceof AttemptFailed failed && failed.retryAfter() != null
                ? failed.retryAfter().toMillis()
                : random.applyAsLong(ceiling(retries));
        if (cause instanceof AttemptFailed failed) {
            failed.retryScheduled(delay); // the call's listener hears of the retry and its wait
        }
        return delay;
    }

    long ceiling(int retry) {
        int shift = Math.min(retry - 1, 30);
        return Math.min(maxMillis, initialMillis << shift);
    }
}
