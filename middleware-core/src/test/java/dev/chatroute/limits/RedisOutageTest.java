package dev.chatroute.limits;

import static dev.chatroute.limits.LimiterCalls.call;

import dev.chatroute.testing.RedisExtension;
import static dev.chatroute.limits.RateLimitValues.remaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.chatroute.ApiError;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the limiter does when Redis goes away, hangs, or comes back. */
class RedisOutageTest {

    private static final ApiError LIMITS_UNAVAILABLE = new ApiError(503, "upstream_unavailable",
            "limits_unavailable", "Usage limits cannot be checked right now; try again shortly", null,
            Duration.ofSeconds(5));
    private static final Duration FAST = Duration.ofMillis(1000);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    private final ManualClock clock = new ManualClock();
    private final List<Limiter> opened = new ArrayList<>();

    @AfterEach
    void closeLimiters() {
        opened.forEach(Limiter::close);
    }

    private Limiter limiter(String onFailure, String... keysAndValues) {
        Map<String, String> config = new LinkedHashMap<>(Map.of("chatroute.limits.store", "redis",
                "chatroute.limits.redis.uri", redis.server().uri(), "chatroute.limits.redis.on-failure", onFailure));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Limiter limiter = Limiters.create(LimitSettings.read(new ConfigReader(
                ChatrouteConfig.builder().putAll(config).build())), clock);
        opened.add(limiter);
        return limiter;
    }

    private static Identity newUser() {
        return Identity.of("user-" + UUID.randomUUID());
    }

    /** Runs a call that must be refused, and checks that it was refused fast. */
    private static ApiErrorException refusedFast(Runnable call) {
        long start = System.nanoTime();
        ApiErrorException e = catchThrowableOfType(ApiErrorException.class, call::run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as("the call is refused").isNotNull();
        assertThat(took).as("time to refuse").isLessThan(FAST);
        return e;
    }

    private static long unreachableLines(LogCapture logs) {
        return logs.lines().stream().filter(l -> l.contains("is unreachable (")).count();
    }

    @Test
    void whileRedisIsDownDenyAnswers503FastAndWarnsOnce() {
        Limiter limiter = limiter("deny");
        Identity alice = newUser();
        call(limiter, alice, 10).end(10);

        try (LogCapture logs = LogCapture.install()) {
            redis.server().stop();
            for (int i = 0; i < 20; i++) {
                assertThat(refusedFast(() -> call(limiter, alice, 10)).error()).isEqualTo(LIMITS_UNAVAILABLE);
                assertThat(refusedFast(() -> limiter.countRequest(alice)).error()).isEqualTo(LIMITS_UNAVAILABLE);
            }

            assertThat(unreachableLines(logs)).isEqualTo(1);
            assertThat(logs.all()).contains("Redis at " + redis.server().uri() + " is unreachable", "on-failure=deny");
        }
    }

    @Test
    void whileRedisIsDownAllowLocalAdmitsFromBucketsInMemory() {
        Limiter limiter = limiter("allow-local", "chatroute.limits.requests-per-minute", "3");
        Identity alice = newUser();
        call(limiter, alice, 10).end(10);

        redis.server().stop();
        for (int i = 0; i < 3; i++) {
            call(limiter, alice, 10).end(10);
        }

        ApiErrorException refused = refusedFast(() -> call(limiter, alice, 10));
        assertThat(refused.error().code()).isEqualTo("requests_per_minute");
    }

    @Test
    void whenRedisIsBackTheNextCallsAreSharedThroughItAgain() {
        Limiter first = limiter("allow-local", "chatroute.limits.requests-per-minute", "5");
        Limiter second = limiter("deny", "chatroute.limits.requests-per-minute", "5");
        first.countRequest(newUser());
        second.countRequest(newUser());

        try (LogCapture logs = LogCapture.install()) {
            redis.server().stop();
            first.countRequest(newUser());
            refusedFast(() -> second.countRequest(newUser()));

            redis.server().restart();
            await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                Identity alice = newUser();
                first.countRequest(alice);
                assertThat(remaining(second.countRequest(alice).headers(), "rpm")).as("counted by both instances").isEqualTo(3);
            });

            Identity bob = newUser();
            assertThat(remaining(first.countRequest(bob).headers(), "rpm")).isEqualTo(4);
            assertThat(remaining(second.countRequest(bob).headers(), "rpm")).isEqualTo(3);
            assertThat(remaining(first.countRequest(bob).headers(), "rpm")).isEqualTo(2);
            assertThat(logs.lines()).filteredOn(l -> l.contains("answers again; usage limits are shared")).hasSize(2);
        }
    }

    @Test
    void endingACallWhileRedisIsDownNeitherThrowsNorHangs() {
        Limiter limiter = limiter("deny");
        Admission call = call(limiter, newUser(), 1000);
        redis.server().stop();

        long start = System.nanoTime();
        call.end(10);
        call.end(10);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    @Test
    void aHungRedisIsGivenUpOnAfterTheCommandTimeout() {
        Limiter limiter = limiter("deny", "chatroute.limits.redis.timeout", "200ms");
        Identity alice = newUser();
        call(limiter, alice, 10).end(10);

        redis.server().pause();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(refusedFast(() -> call(limiter, alice, 10)).error()).isEqualTo(LIMITS_UNAVAILABLE);
            }
        } finally {
            redis.server().resume();
        }

        await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class).untilAsserted(() -> call(limiter, alice, 10).end(10));
    }

    @Test
    void aLimiterStartedWhileRedisIsDownConnectsOnceItIsUp() {
        redis.server().stop();
        Limiter limiter = limiter("deny");
        Identity alice = newUser();
        assertThat(refusedFast(() -> call(limiter, alice, 10)).error()).isEqualTo(LIMITS_UNAVAILABLE);

        redis.server().restart();

        await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> call(limiter, alice, 10).end(10));
    }
}
