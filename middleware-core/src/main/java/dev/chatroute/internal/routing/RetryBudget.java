package dev.chatroute.internal.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * How many retries one provider may get, so that an outage cannot multiply the load on it: within
 * a sliding window, {@code min-retries + ratio * calls}. A call counts once, however often it is
 * retried. Thread-safe; the window is kept as two queues of timestamps.
 */
public final class RetryBudget {

    private final double ratio;
    private final int minRetries;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Deque<Long> calls = new ArrayDeque<>();
    private final Deque<Long> retries = new ArrayDeque<>();

    public RetryBudget(double ratio, int minRetries, Duration window, LongSupplier nanoTime) {
        this.ratio = ratio;
        this.minRetries = minRetries;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A first try of this provider. */
    public synchronized void recordCall() {
        long now = nanoTime.getAsLong();
        prune(now);
        calls.addLast(now);
    }

    /** Spends one retry if the budget allows it. */
    public synchronized boolean tryRetry() {
        long now = nanoTime.getAsLong();
        prune(now);
        if (retries.size() >= minRetries + ratio * calls.size()) {
            return false;
        }
        retries.addLast(now);
        return true;
    }

    private void prune(long now) {
        while (!calls.isEmpty() && now - calls.peekFirst() > windowNanos) {
            calls.removeFirst();
        }
        while (!retries.isEmpty() && now - retries.peekFirst() > windowNanos) {
            retries.removeFirst();
        }
    }
}
