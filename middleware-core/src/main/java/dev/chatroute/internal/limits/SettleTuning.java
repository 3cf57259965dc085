package dev.chatroute.internal.limits;

import java.time.Duration;

/**
 * How ended calls are settled with a shared store that does not answer: how many settlements are
 * kept for retry at most, and the backoff between retries (doubling from {@code firstRetry} up to
 * {@code maxRetry}). Tests shorten or lengthen the delays; the app uses {@link #defaults()}.
 */
public record SettleTuning(int maxPending, Duration firstRetry, Duration maxRetry) {

    public SettleTuning {
        if (maxPending < 1 || firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("maxPending must be positive and 0 < firstRetry <= maxRetry");
        }
    }

    /** At most 10000 pending (some MB at worst); retries from 100 ms, backing off to every 5 seconds. */
    public static SettleTuning defaults() {
        return new SettleTuning(10_000, Duration.ofMillis(100), Duration.ofSeconds(5));
    }
}
