package dev.chatroute.limits;

import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.spi.Identity;

/** What the pipeline does for a chat call: count the request, then reserve its tokens and a permit. */
final class LimiterCalls {

    private LimiterCalls() {
    }

    static Admission call(Limiter limiter, Identity who, long reserveTokens) {
        return limiter.admit(limiter.countRequest(who), reserveTokens);
    }
}
