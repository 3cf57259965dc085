package dev.chatroute.internal.limits;

import dev.chatroute.spi.Identity;
import java.util.Map;

/**
 * A request counted against its user's (and the global) requests per minute: what
 * {@link Limiter#admit} needs to reserve the rest of a chat call, so a call cannot be admitted
 * without having been counted.
 */
public final class RequestCount {

    private final Identity who;
    private final Quota quota;
    private final Long remaining; // of the user's requests per minute; null when that limit is off
    private final Long resetSeconds;
    private final Map<String, String> headers;

    RequestCount(Identity who, Quota quota, Long remaining, Long resetSeconds, Map<String, String> headers) {
        this.who = who;
        this.quota = quota;
        this.remaining = remaining;
        this.resetSeconds = resetSeconds;
        this.headers = Map.copyOf(headers);
    }

    public Identity who() {
        return who;
    }

    /** The {@code RateLimit-Policy} and {@code RateLimit} headers of the requests-per-minute limit alone. */
    public Map<String, String> headers() {
        return headers;
    }

    Quota quota() {
        return quota;
    }

    /** Adds the user's requests-per-minute state, as counted, to the headers of the whole call. */
    void addTo(RateLimitHeaders headers) {
        if (remaining != null) {
            headers.remaining(LimitKind.REQUESTS, remaining, resetSeconds);
        }
    }
}
