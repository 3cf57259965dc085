package dev.chatroute.internal.limits;

/**
 * One user's limits. {@link #OFF} (the config value {@code off}) switches a limit off; being the
 * largest value, it is also the most generous, so merging roles is a plain maximum.
 *
 * @param requestsPerMinute chat calls (and guarded requests) per minute
 * @param tokensPerDay input plus output tokens per day
 * @param concurrentStreams chat calls in flight at once, streamed or not
 * @param spendPerDay USD per rolling day, in whole micro-dollars
 * @param spendPerMonth USD per rolling 30 days, in whole micro-dollars
 */
public record Quota(long requestsPerMinute, long tokensPerDay, long concurrentStreams, long spendPerDay,
        long spendPerMonth) {

    public static final long OFF = Long.MAX_VALUE;
    /** Every limit off: the global quota unless {@code chatroute.limits.global.*} sets one. */
    public static final Quota NONE = new Quota(OFF, OFF, OFF);

    /** The three usage limits, with no spend budget. */
    public Quota(long requestsPerMinute, long tokensPerDay, long concurrentStreams) {
        this(requestsPerMinute, tokensPerDay, concurrentStreams, OFF, OFF);
    }

    public static boolean isOn(long limit) {
        return limit != OFF;
    }

    /** The more generous of this quota and {@code other}, limit by limit. */
    public Quota mostGenerous(Quota other) {
        return new Quota(Math.max(requestsPerMinute, other.requestsPerMinute),
                Math.max(tokensPerDay, other.tokensPerDay),
                Math.max(concurrentStreams, other.concurrentStreams),
                Math.max(spendPerDay, other.spendPerDay),
                Math.max(spendPerMonth, other.spendPerMonth));
    }

    long of(LimitKind kind) {
        return switch (kind) {
            case REQUESTS -> requestsPerMinute;
            case TOKENS -> tokensPerDay;
            case STREAMS -> concurrentStreams;
            case SPEND_DAY -> spendPerDay;
            case SPEND_MONTH -> spendPerMonth;
        };
    }
}
