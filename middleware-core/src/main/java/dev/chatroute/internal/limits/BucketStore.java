package dev.chatroute.internal.limits;

import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.CompletableFuture;

/**
 * Where the buckets live: in this JVM ({@link LocalBucketStore}) or in Redis, shared by every
 * instance of the app ({@code RedisBucketStore}). A bucket that does not exist yet is created full.
 * Thread-safe.
 */
interface BucketStore extends AutoCloseable {

    /** Takes {@code tokens} if there are enough; the probe tells what is left and how long to wait. */
    ConsumptionProbe tryConsume(BucketSpec bucket, long tokens);

    /** What is left, taking nothing: below zero after usage beyond a reservation was charged. */
    long available(BucketSpec bucket);

    /** Gives tokens back, never beyond the bucket's capacity. */
    void addTokens(BucketSpec bucket, long tokens);

    /** Takes tokens even if the bucket goes below zero: for usage that exceeded its reservation. */
    void forceConsume(BucketSpec bucket, long tokens);

    /**
     * {@link #addTokens} without waiting for the store: the future fails with a
     * {@link StoreUnavailableException} when the store does not answer (in time). The default runs
     * inline, for a store in memory that never waits.
     */
    default CompletableFuture<Void> addTokensAsync(BucketSpec bucket, long tokens) {
        return inline(() -> addTokens(bucket, tokens));
    }

    /** {@link #forceConsume} without waiting for the store, as {@link #addTokensAsync}. */
    default CompletableFuture<Void> forceConsumeAsync(BucketSpec bucket, long tokens) {
        return inline(() -> forceConsume(bucket, tokens));
    }

    private static CompletableFuture<Void> inline(Runnable operation) {
        try {
            operation.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether the store answers now (for health checks); may wait up to the store's timeout. */
    default boolean answers() {
        return true;
    }

    /** Whether the buckets are shared with other instances of the app (a remote store). */
    boolean shared();

    /** What this store is, for log lines: never a password. */
    String description();

    @Override
    void close();
}
