package dev.chatroute.internal.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Buckets in this JVM, in a bounded Caffeine cache. A bucket is forgotten when it has not been
 * touched for twice its refill period (by then it would be full anyway, so forgetting it changes
 * nothing), or when the cache is full (then a rarely seen user starts over with a full bucket: the
 * price of bounded memory).
 */
final class LocalBucketStore implements BucketStore {

    /**
     * About 300 bytes each: at most some 30 MB, for about 30000 active users with three buckets each
     * (20000 with both spend budgets on too).
     */
    static final long MAX_BUCKETS = 100_000;

    private final Cache<String, Held> buckets;
    private final TimeMeter clock;

    private record Held(Bucket bucket, Duration idleExpiry) {
    }

    LocalBucketStore(TimeMeter clock, long maxBuckets) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(Expiry.accessing((String key, Held held) -> held.idleExpiry()))
                .executor(Runnable::run) // maintenance on the calling thread: no pool threads of ours
                .build();
    }

    private Bucket bucket(BucketSpec spec) {
        return buckets.get(spec.key(), key -> new Held(Bucket.builder()
                .addLimit(spec.bandwidth())
                .withCustomTimePrecision(clock)
                .build(), spec.idleExpiry())).bucket();
    }

    @Override
    public ConsumptionProbe tryConsume(BucketSpec spec, long tokens) {
        return bucket(spec).tryConsumeAndReturnRemaining(tokens);
    }

    @Override
    public long available(BucketSpec spec) {
        return bucket(spec).getAvailableTokens();
    }

    @Override
    public void addTokens(BucketSpec spec, long tokens) {
        bucket(spec).addTokens(tokens);
    }

    @Override
    public void forceConsume(BucketSpec spec, long tokens) {
        bucket(spec).consumeIgnoringRateLimits(tokens);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String description() {
        return "the in-process bucket store";
    }

    /** How many buckets are held; for tests. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
