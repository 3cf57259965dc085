package dev.chatroute.internal.limits;

import dev.chatroute.spi.Identity;
import java.util.Map;

/**
 * Holds each user to their limits (requests per minute, tokens per day, concurrent calls), checked
 * before any provider call. Implementations are thread-safe.
 */
public interface Limiter extends AutoCloseable {

    /**
     * Admits a chat call, or refuses it.
     *
     * @param reserveTokens the most this call can cost: the input estimate plus the output cap. It is
     *     taken from the daily allowance now, so concurrent calls cannot overshoot, and settled later.
     * @throws dev.chatroute.ApiErrorException 429 {@code rate_limit_error} naming the exhausted limit,
     *     with {@code Retry-After} and the RateLimit headers; or 503 when the limit store is unreachable
     *     and the policy is {@code deny}
     */
    Admission admit(Identity who, long reserveTokens);

    /**
     * Counts one request against the requests-per-minute limit only (the guard for other paths).
     *
     * @return the RateLimit headers for the response
     * @throws dev.chatroute.ApiErrorException as {@link #admit}
     */
    Map<String, String> countRequest(Identity who);

    /** The configured role names, so identity resolvers know which roles to look up. */
    java.util.Set<String> roleNames();

    /**
     * Stops the limiter. Settlements of ended calls that a shared store has not taken yet are tried
     * once more first, waiting at most {@code chatroute.limits.redis.timeout} for them.
     */
    @Override
    void close();
}
