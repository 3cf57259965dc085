package dev.chatroute.internal.limits;

import java.util.Map;

/** An admitted call's hold on its user's limits, released exactly once when the call ends. */
public interface Admission {

    /** The {@code RateLimit-Policy} and {@code RateLimit} headers for the response. */
    Map<String, String> headers();

    /**
     * The call ended, however it ended: gives back the concurrency permit, and settles the token
     * reservation to {@code tokensUsed} (refunding the rest). Idempotent; never throws; returns at
     * once, without waiting for a shared store: the settlement is made in the background, and
     * retried while the store does not answer.
     */
    void end(long tokensUsed);
}
