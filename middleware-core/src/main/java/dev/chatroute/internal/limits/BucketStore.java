package dev.chatroute.internal.limits;

import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Where the buckets live: in this JVM ({@link LocalBucketStore}) or in Redis, shared by every
 * instance of the app ({@code RedisBucketStore}). A bucket that does not exist yet is created full.
 * Thread-safe.
 */
interface BucketStore extends AutoCloseable {

    /** Takes {@code tokens} if there are enough; the probe tells what is left and how long to wait. */
    ConsumptionProbe tryConsume(BucketSpec bucket, long tokens);

    /** Gives tokens back, never beyond the bucket's capacity. */
    void addTokens(BucketSpec bucket, long tokens);

    /** Takes tokens even if the bucket goes below zero: for usage that exceeded its reservation. */
    void forceConsume(BucketSpec bucket, long tokens);

    /** Whether the buckets are shared with other instances of the app (a remote store). */
    boolean shared();

    /** What this store is, for log lines: never a password. */
    String description();

    @Override
    void close();
}
