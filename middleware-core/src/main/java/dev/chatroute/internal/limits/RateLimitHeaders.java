package dev.chatroute.internal.limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} response headers of the IETF httpapi
 * ratelimit-headers draft, for the limits that apply to the user:
 * {@code RateLimit-Policy: "rpm";q=20;w=60, "tpd";q=200000;w=86400, "concurrent";q=2} and
 * {@code RateLimit: "rpm";r=17;t=9, "tpd";r=195000;t=2160, "concurrent";r=1}.
 *
 * <p>{@code r} is what is left; {@code t} is the seconds until the quota is whole again (the bucket
 * is full), except for a limit that refused the call, where it is the seconds until it admits again
 * (the Retry-After). The concurrency limit has no window, so it has no {@code w}, and no {@code t}
 * unless it refused. Spend budgets ({@code "spend-day"}, {@code "spend-month"}) are in whole US
 * cents, what is left rounded down.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private final StringJoiner policy = new StringJoiner(", ");
    private final StringJoiner state = new StringJoiner(", ");

    RateLimitHeaders(Quota quota, List<LimitKind> kinds) {
        for (LimitKind kind : kinds) {
            long limit = quota.of(kind);
            if (Quota.isOn(limit)) {
                Long window = kind.windowSeconds();
                policy.add(name(kind) + ";q=" + kind.shown(limit) + (window == null ? "" : ";w=" + window));
            }
        }
    }

    RateLimitHeaders remaining(LimitKind kind, long remaining, Long seconds) {
        state.add(name(kind) + ";r=" + Math.max(0, kind.shown(remaining)) + (seconds == null ? "" : ";t=" + seconds));
        return this;
    }

    Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (policy.length() > 0) {
            h.put(POLICY, policy.toString());
        }
        if (state.length() > 0) {
            h.put(STATE, state.toString());
        }
        return h;
    }

    private static String name(LimitKind kind) {
        return "\"" + kind.policy() + "\"";
    }

    /** Whole seconds, rounded up. */
    static long seconds(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
    }
}
