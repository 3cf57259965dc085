package dev.chatroute.internal.limits;

import java.math.BigDecimal;
import java.util.Map;

/** An admitted call's hold on its user's limits, released exactly once when the call ends. */
public interface Admission {

    /** The {@code RateLimit-Policy} and {@code RateLimit} headers for the response. */
    Map<String, String> headers();

    /**
     * The call ended, however it ended: gives back the concurrency permit, and settles the token
     * reservation to {@code tokensUsed} and the spend reservation to {@code costUsd} (the usage
     * record's cost, rounded up to a micro-dollar), refunding the rest or charging what went beyond.
     * Idempotent; never throws; returns at once, without waiting for a shared store: the settlement
     * is made in the background, and retried while the store does not answer.
     */
    void end(long tokensUsed, BigDecimal costUsd);

    /** {@link #end(long, BigDecimal)} for a call that cost nothing. */
    default void end(long tokensUsed) {
        end(tokensUsed, BigDecimal.ZERO);
    }
}
