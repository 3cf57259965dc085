package dev.chatroute.limits;

import dev.chatroute.testing.RedisExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The budget contract with buckets in a real Redis. */
class RedisBudgetTest extends BudgetContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Override
    protected Map<String, String> storeConfig() {
        return Map.of("chatroute.limits.store", "redis", "chatroute.limits.redis.uri", redis.server().uri());
    }
}
