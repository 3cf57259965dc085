package dev.chatroute.limits;

import java.util.Map;

/** The limiter contract with buckets in this JVM. */
class LocalLimiterTest extends LimiterContract {

    @Override
    protected Map<String, String> storeConfig() {
        return Map.of("chatroute.limits.store", "local");
    }
}
