package dev.chatroute.internal.limits;

import dev.chatroute.InvalidConfigException;
import io.github.bucket4j.TimeMeter;

/** Builds the limiter for the configured store. */
public final class Limiters {

    private Limiters() {
    }

    /** The limiter for {@code settings}, on the wall clock. The caller closes it. */
    public static Limiter create(LimitSettings settings) {
        return create(settings, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /**
     * The limiter for {@code settings}, with Bucket4j reading time from {@code clock} (tests move it
     * by hand). The clock must be wall-clock based when the store is Redis, as every instance of the
     * app reads the same stored buckets.
     */
    public static Limiter create(LimitSettings settings, TimeMeter clock) {
        return create(settings, clock, SettleTuning.defaults());
    }

    /** As {@link #create(LimitSettings, TimeMeter)}, with how ended calls are retried when Redis does not answer. */
    public static Limiter create(LimitSettings settings, TimeMeter clock, SettleTuning tuning) {
        Settler settler = new Settler(clock, tuning, settings.redis().timeout());
        if (settings.store() == LimitSettings.Store.LOCAL) {
            return new BucketLimiter(settings, new LocalBucketStore(clock, LocalBucketStore.MAX_BUCKETS), null,
                    settler);
        }
        BucketStore redis = openRedis(settings, clock);
        BucketStore fallback = settings.redis().onFailure() == LimitSettings.OnFailure.ALLOW_LOCAL
                ? new LocalBucketStore(clock, LocalBucketStore.MAX_BUCKETS)
                : null;
        return new BucketLimiter(settings, redis, fallback, settler);
    }

    /** Kept apart so that Lettuce classes are loaded only when the store is Redis. */
    private static BucketStore openRedis(LimitSettings settings, TimeMeter clock) {
        try {
            Class.forName("io.lettuce.core.RedisClient", false, Limiters.class.getClassLoader());
            Class.forName("io.github.bucket4j.redis.lettuce.Bucket4jLettuce", false, Limiters.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigException(LimitSettings.PREFIX + "store", "'redis' needs io.lettuce:lettuce-core "
                    + "and com.bucket4j:bucket4j_jdk17-lettuce in the application (they are optional dependencies "
                    + "of middleware-core)");
        }
        return new RedisBucketStore(settings.redis(), clock);
    }
}
