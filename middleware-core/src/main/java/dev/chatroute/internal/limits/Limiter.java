package dev.chatroute.internal.limits;

import dev.chatroute.spi.Identity;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Holds each user, and all users together, to their limits (requests per minute, tokens per day,
 * concurrent calls, spend budgets per day and per 30 days). Implementations are thread-safe.
 *
 * <p>A chat call is checked in two steps: {@link #countRequest} as soon as the caller is known,
 * so that even requests refused later (invalid, forbidden) count against the requests per minute,
 * then {@link #admit} once the call is valid and allowed, which reserves its tokens and a
 * concurrency permit. The guard for other paths only counts requests.
 */
public interface Limiter extends AutoCloseable {

    /**
     * Counts one request against the user's requests per minute, then against the global one. A
     * request counted is never given back, whatever happens to the call afterwards; one refused by
     * the user's own limit is not counted globally, so one user cannot spend everyone's minute.
     *
     * @throws dev.chatroute.ApiErrorException 429 {@code rate_limit_error} ({@code requests_per_minute}
     *     or {@code global_requests_per_minute}) with {@code Retry-After} and the RateLimit headers; or
     *     503 when the limit store is unreachable and the policy is {@code deny}
     */
    RequestCount countRequest(Identity who);

    /**
     * Reserves what a counted chat call needs: its tokens from the daily allowances, its most
     * possible cost from the spend budgets, and a permit from the concurrency limits, the user's
     * first, then the global ones. If a later one refuses, what the earlier ones took is given back.
     *
     * @param reserveTokens the most tokens this call can use: the input estimate plus the output cap.
     *     It is taken from the daily allowance now, so concurrent calls cannot overshoot, and settled later.
     * @param reserveUsd the most this call can cost in USD (its tokens at the dearest target of its
     *     chain; 0 without prices), reserved from the budgets the same way (rounded up to a micro-dollar)
     * @return the call's hold, whose headers cover all of the user's limits, requests included
     * @throws dev.chatroute.ApiErrorException as {@link #countRequest}, naming the exhausted limit
     *     ({@code budget_exceeded} for a spend budget)
     */
    Admission admit(RequestCount counted, long reserveTokens, BigDecimal reserveUsd);

    /** {@link #admit(RequestCount, long, BigDecimal)} for a call that costs nothing. */
    default Admission admit(RequestCount counted, long reserveTokens) {
        return admit(counted, reserveTokens, BigDecimal.ZERO);
    }

    /** Whether the limit store answers, and whether calls can be admitted if it does not. */
    dev.chatroute.Health.Limits health();

    /** The configured role names, so identity resolvers know which roles to look up. */
    Set<String> roleNames();

    /**
     * Stops the limiter. Settlements of ended calls that a shared store has not taken yet are tried
     * once more first, waiting at most {@code chatroute.limits.redis.timeout} for them.
     */
    @Override
    void close();
}
