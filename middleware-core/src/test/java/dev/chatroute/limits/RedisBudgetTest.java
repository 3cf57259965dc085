package dev.chatroute.limits;

import dev.chatroute.testing.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The budget contract with buckets in a real Redis. */
class RedisBudgetTest extends BudgetContract {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    @Override
    protected Map<String, String> storeConfig() {
        return Map.of("chatroute.limits.store", "redis", "chatroute.limits.redis.uri", redis.uri());
    }
}
