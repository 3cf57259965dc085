package dev.chatroute.internal.limits;

import io.github.bucket4j.Bandwidth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The limits, the shape of their buckets and their names in config keys, error codes and
 * RateLimit headers.
 *
 * <p>Every bucket refills greedily (a token at a time, spread over the period) rather than all at
 * once at the end of a window: 20 requests per minute means one more every 3 seconds once the
 * burst is spent, so Retry-After stays short and honest, and no window edge lets a user spend twice
 * the limit within a few seconds.
 *
 * <p>The concurrency bucket has no real refill: a permit comes back when its call ends. Its slow
 * refill (all permits per 10 minutes) is only a safety net, for permits held by a node that died
 * before giving them back. It is far longer than a call may last ({@code chatroute.timeouts.total},
 * 2 minutes by default), so it practically never lets a user run more calls at once than allowed,
 * and a user never waits more than 10 minutes for a lost permit.
 */
enum LimitKind {

    REQUESTS("requests-per-minute", "requests_per_minute", "rpm", Duration.ofMinutes(1)),
    TOKENS("tokens-per-day", "tokens_per_day", "tpd", Duration.ofDays(1)),
    STREAMS("concurrent-streams", "concurrent_streams", "concurrent", Duration.ofMinutes(10)),
    /** Spend budgets, in whole micro-dollars: a rolling day, and a rolling 30 days for the month. */
    SPEND_DAY("spend-per-day", "budget_exceeded", "spend-day", Duration.ofDays(1)),
    SPEND_MONTH("spend-per-month", "budget_exceeded", "spend-month", Duration.ofDays(30));

    /** Micro-dollars in a US cent, the unit spend has in the RateLimit headers. */
    private static final long MICROS_PER_CENT = 10_000;

    static final String KEY_PREFIX = "chatroute:";

    private final String configName;
    private final String code;
    private final String policy;
    private final Duration period;

    LimitKind(String configName, String code, String policy, Duration period) {
        this.configName = configName;
        this.code = code;
        this.policy = policy;
        this.period = period;
    }

    /** The last segment of its config keys, such as {@code requests-per-minute}. */
    String configName() {
        return configName;
    }

    /** The error {@code code} of a refusal. */
    String code() {
        return code;
    }

    /** The policy name in the RateLimit headers. */
    String policy() {
        return policy;
    }

    /** Whether this is a spend budget, counted in micro-dollars. */
    boolean spend() {
        return this == SPEND_DAY || this == SPEND_MONTH;
    }

    /**
     * An amount of this limit as the RateLimit headers show it: spend in whole US cents, rounded
     * down so that what is shown as left is never more than is left; anything else as it is.
     */
    long shown(long amount) {
        return spend() ? Math.floorDiv(amount, MICROS_PER_CENT) : amount;
    }

    /** The refill period: for tokens the daily window, for permits the safety refill. */
    Duration period() {
        return period;
    }

    /** The quota window, for RateLimit-Policy's {@code w}; none for concurrency. */
    Long windowSeconds() {
        return this == STREAMS ? null : period.toSeconds();
    }

    /**
     * The bucket of one user for this limit. The capacity is part of the key, so a user whose roles
     * change, or a changed setting, starts a fresh bucket of the right size instead of sharing a
     * stored bucket shaped for another limit.
     */
    BucketSpec bucket(String user, long capacity) {
        Bandwidth bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
        String key = KEY_PREFIX + policy + ":" + capacity + ":" + user;
        // An untouched bucket is full again after one period; twice that is a safe time to forget it.
        return new BucketSpec(key, bandwidth, period.multipliedBy(2));
    }

    /**
     * The one bucket all users share for this limit ({@code chatroute.limits.global.*}). Its key has
     * {@code global} where a user's has its policy, so no user name can ever address it.
     */
    BucketSpec globalBucket(long capacity) {
        Bandwidth bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
        return new BucketSpec(KEY_PREFIX + "global:" + policy + ":" + capacity, bandwidth, period.multipliedBy(2));
    }

    /** The error {@code code} of a refusal by the global limit, such as {@code global_requests_per_minute}. */
    String globalCode() {
        return "global_" + code;
    }

    /** How long a bucket of this capacity takes to refill {@code tokens} (the refill is greedy). */
    long nanosToRefill(long tokens, long capacity) {
        return (long) ((double) period.toNanos() * tokens / capacity);
    }

    static LimitKind byConfigName(String name) {
        for (LimitKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** One bucket: its store key, its single bandwidth, and how long the local store may keep it idle. */
    record BucketSpec(String key, Bandwidth bandwidth, Duration idleExpiry) {

        byte[] keyBytes() {
            return key.getBytes(StandardCharsets.UTF_8);
        }
    }
}
