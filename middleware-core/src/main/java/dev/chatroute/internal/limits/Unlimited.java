package dev.chatroute.internal.limits;

import dev.chatroute.spi.Identity;
import java.util.Map;
import java.util.Set;

/** A limiter that admits everything; used where limits are switched off. */
public final class Unlimited implements Limiter {

    private static final Admission FREE = new Admission() {
        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void end(long tokensUsed) {
        }
    };

    @Override
    public Admission admit(Identity who, long reserveTokens) {
        return FREE;
    }

    @Override
    public Map<String, String> countRequest(Identity who) {
        return Map.of();
    }

    @Override
    public Set<String> roleNames() {
        return Set.of();
    }

    @Override
    public void close() {
    }
}
