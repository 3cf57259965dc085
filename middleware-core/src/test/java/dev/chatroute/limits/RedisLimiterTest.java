package dev.chatroute.limits;

import static dev.chatroute.limits.LimiterCalls.call;

import dev.chatroute.testing.RedisExtension;
import static dev.chatroute.limits.RateLimitValues.remaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.spi.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limiter contract with buckets in a real Redis, plus what only a shared store can do. */
class RedisLimiterTest extends LimiterContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Override
    protected Map<String, String> storeConfig() {
        return Map.of("chatroute.limits.store", "redis", "chatroute.limits.redis.uri", redis.server().uri());
    }

    @Test
    void twoInstancesOfTheAppOnOneRedisShareEachUsersLimits() {
        Limiter first = limiter("chatroute.limits.requests-per-minute", "10");
        Limiter second = limiter("chatroute.limits.requests-per-minute", "10");
        Identity alice = newUser();

        int admitted = 0;
        for (int i = 0; i < 12; i++) {
            Limiter instance = i % 2 == 0 ? first : second;
            try {
                call(instance, alice, 10).end(10);
                admitted++;
            } catch (ApiErrorException e) {
                assertThat(e.error().code()).isEqualTo("requests_per_minute");
            }
        }

        assertThat(admitted).isEqualTo(10);
    }

    @Test
    void aPermitTakenOnOneInstanceIsGivenBackOnTheOther() {
        Limiter first = limiter("chatroute.limits.concurrent-streams", "1");
        Limiter second = limiter("chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();

        var call = call(first, alice, 10);
        assertThat(refusal(() -> call(second, alice, 10)).code()).isEqualTo("concurrent_streams");
        call.end(10); // settled asynchronously: another connection sees it a round trip or so later

        await().atMost(Duration.ofSeconds(5)).ignoreException(ApiErrorException.class)
                .untilAsserted(() -> assertThat(remaining(call(second, alice, 10).headers(), "concurrent")).isZero());
    }

    @Test
    void twoInstancesOfTheAppShareTheGlobalRequestsPerMinute() {
        Limiter first = limiter("chatroute.limits.global.requests-per-minute", "4");
        Limiter second = limiter("chatroute.limits.global.requests-per-minute", "4");

        first.countRequest(newUser());
        second.countRequest(newUser());
        first.countRequest(newUser());
        second.countRequest(newUser());

        assertThat(refusal(() -> first.countRequest(newUser())).code()).isEqualTo("global_requests_per_minute");
        assertThat(refusal(() -> second.countRequest(newUser())).code()).isEqualTo("global_requests_per_minute");
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) redis.server().command("KEYS", "chatroute:global:*");
        assertThat(keys).containsExactly("chatroute:global:rpm:4");
    }

    @Test
    void aGlobalPermitTakenOnOneInstanceIsGivenBackOnTheOther() {
        Limiter first = limiter("chatroute.limits.global.concurrent-streams", "1");
        Limiter second = limiter("chatroute.limits.global.concurrent-streams", "1");

        var held = call(first, newUser(), 10);
        assertThat(refusal(() -> call(second, newUser(), 10)).code()).isEqualTo("global_concurrent_streams");
        held.end(10);

        await().atMost(Duration.ofSeconds(5)).ignoreException(ApiErrorException.class)
                .untilAsserted(() -> call(second, newUser(), 10));
    }

    @Test
    void bucketsLiveUnderTheChatroutePrefixAndExpireWhenIdle() {
        Limiter limiter = limiter();
        Identity alice = newUser();
        call(limiter, alice, 1000).end(1000);

        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) redis.server().command("KEYS", "*");
        assertThat(keys).hasSize(3).allMatch(k -> k.startsWith("chatroute:") && k.endsWith(alice.user()));
        for (String key : keys) {
            assertThat((Long) redis.server().command("PTTL", key)).as("time to live of %s", key).isPositive();
        }
    }
}
