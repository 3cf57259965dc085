package dev.chatroute.limits;

import static dev.chatroute.limits.LimiterCalls.call;

import static dev.chatroute.limits.RateLimitValues.remaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.internal.limits.SettleTuning;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Ending a call while Redis hangs: end() returns at once, and what it gives back reaches Redis once
 * it answers again, retried rather than dropped. The clock never moves, so no permit here can come
 * back by the safety refill: only by the settlement.
 */
class RedisSettleTest {

    private static final SettleTuning FAST_RETRY = new SettleTuning(10_000, Duration.ofMillis(50),
            Duration.ofMillis(200));
    private static final SettleTuning NO_RETRY_BEFORE_CLOSE = new SettleTuning(10_000, Duration.ofHours(1),
            Duration.ofHours(1));
    private static final String SHORT_TIMEOUT = "200ms";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    private final ManualClock clock = new ManualClock();
    private final List<Limiter> opened = new ArrayList<>();
    private LogCapture logs;

    @BeforeAll
    static void logAttempts() {
        // The tests watch each failed attempt, logged at debug.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.chatroute.internal.limits.Settler"))
                .setLevel(Level.DEBUG);
    }

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterEach
    void closeLimiters() {
        redis.server().resume(); // harmless when running
        opened.forEach(Limiter::close);
        logs.close();
    }

    private Limiter limiter(SettleTuning tuning, String timeout, String... keysAndValues) {
        Map<String, String> config = new LinkedHashMap<>(Map.of("chatroute.limits.store", "redis",
                "chatroute.limits.redis.uri", redis.server().uri(), "chatroute.limits.redis.timeout", timeout,
                "chatroute.limits.requests-per-minute", "off"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Limiter limiter = Limiters.create(LimitSettings.read(new ConfigReader(
                ChatrouteConfig.builder().putAll(config).build())), clock, tuning);
        opened.add(limiter);
        return limiter;
    }

    private static Identity newUser() {
        return Identity.of("user-" + UUID.randomUUID());
    }

    private long failedAttempts(Identity who) {
        return logs.lines().stream().filter(l -> l.contains("Settling ") && l.contains(who.user())).count();
    }

    private long outageWarnings() {
        return logs.lines().stream().filter(l -> l.contains("Could not settle an ended call in Redis at")).count();
    }

    private static String refusalCode(Runnable call) {
        ApiErrorException e = catchThrowableOfType(ApiErrorException.class, call::run);
        assertThat(e).as("the call is refused").isNotNull();
        return e.error().code();
    }

    @Test
    void endReturnsAtOnceWhileRedisIsPaused() throws Exception {
        // A Redis timeout far beyond the wait below: an end() that waited for Redis could not return in time.
        Limiter limiter = limiter(FAST_RETRY, "10s", "chatroute.limits.concurrent-streams", "20");
        Identity alice = newUser();
        List<Admission> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(call(limiter, alice, 100));
        }

        redis.server().pause();
        CountDownLatch returned = new CountDownLatch(calls.size());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (Admission call : calls) {
                threads.submit(() -> {
                    call.end(10);
                    returned.countDown();
                });
            }
            assertThat(returned.await(5, TimeUnit.SECONDS)).as("every end() returned while Redis was paused").isTrue();
        } finally {
            redis.server().resume();
            threads.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Admission probe = call(limiter, alice, 1);
            try {
                assertThat(remaining(probe.headers(), "concurrent")).as("all 20 permits are back").isEqualTo(19);
            } finally {
                probe.end(1);
            }
        });
    }

    @Test
    void aPermitGivenBackWhileRedisIsPausedIsRestoredOnceItIsBack() {
        Limiter limiter = limiter(FAST_RETRY, SHORT_TIMEOUT, "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Admission call = call(limiter, alice, 10);

        redis.server().pause();
        call.end(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts(alice) >= 3); // tried, and retried
        redis.server().resume();

        await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class)
                .untilAsserted(() -> call(limiter, alice, 10));
        assertThat(outageWarnings()).as("one WARN for the outage, not one per retry").isEqualTo(1);
        assertThat(logs.lines()).anyMatch(l -> l.contains("takes settlements of ended calls again"));
    }

    @Test
    void aTokenRefundIsSettledOnceRedisIsBack() {
        Limiter limiter = limiter(FAST_RETRY, SHORT_TIMEOUT, "chatroute.limits.tokens-per-day", "1000");
        Identity alice = newUser();
        Admission call = call(limiter, alice, 1000);
        assertThat(refusalCode(() -> call(limiter, alice, 900))).isEqualTo("tokens_per_day");

        redis.server().pause();
        call.end(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts(alice) >= 1);
        redis.server().resume();

        await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class)
                .untilAsserted(() -> assertThat(remaining(call(limiter, alice, 900).headers(), "tpd")).isZero());
    }

    @Test
    void atMostTheBoundWaitAndTheOldestAreDropped() {
        Limiter limiter = limiter(new SettleTuning(3, Duration.ofMillis(50), Duration.ofMillis(200)), SHORT_TIMEOUT,
                "chatroute.limits.concurrent-streams", "1");
        List<Identity> users = new ArrayList<>();
        List<Admission> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(newUser());
            calls.add(call(limiter, users.get(i), 10));
        }

        redis.server().pause();
        calls.forEach(call -> call.end(10));
        // Every first attempt has failed, so none of the dropped can still go through once Redis is back.
        await().atMost(Duration.ofSeconds(10)).until(() -> users.stream().allMatch(u -> failedAttempts(u) >= 1));
        redis.server().resume();

        for (Identity kept : users.subList(2, 5)) {
            await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class)
                    .untilAsserted(() -> call(limiter, kept, 10));
        }
        for (Identity dropped : users.subList(0, 2)) {
            assertThat(refusalCode(() -> call(limiter, dropped, 10))).isEqualTo("concurrent_streams");
        }
        assertThat(logs.lines()).filteredOn(l -> l.contains("the most kept; dropping the oldest")).hasSize(1);
        assertThat(logs.lines()).anyMatch(l -> l.contains("2 were dropped"));
    }

    @Test
    void retriesStopOnceTheSettlementNoLongerMatters() {
        Limiter limiter = limiter(FAST_RETRY, SHORT_TIMEOUT, "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Admission call = call(limiter, alice, 10);

        redis.server().pause();
        call.end(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts(alice) >= 1);
        clock.advance(Duration.ofMinutes(11)); // past the permit's safety refill: the bucket is full anyway

        await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines().stream()
                .anyMatch(l -> l.contains("Gave up settling chatroute:concurrent:1:" + alice.user())));
    }

    @Test
    void closeTriesWhatIsStillWaitingOnceMore() {
        Limiter closing = limiter(NO_RETRY_BEFORE_CLOSE, SHORT_TIMEOUT, "chatroute.limits.concurrent-streams", "1");
        Limiter other = limiter(FAST_RETRY, SHORT_TIMEOUT, "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Admission call = call(closing, alice, 10);

        redis.server().pause();
        call.end(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts(alice) >= 1);
        redis.server().resume();
        closing.close(); // no retry was due for an hour: only the flush at close gives the permit back

        call(other, alice, 10);
    }

    @Test
    void closeWhileRedisHangsWaitsNoLongerThanTheTimeoutAndSaysWhatWasLost() {
        Limiter closing = limiter(NO_RETRY_BEFORE_CLOSE, SHORT_TIMEOUT, "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Admission call = call(closing, alice, 10);

        redis.server().pause();
        call.end(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts(alice) >= 1);
        long start = System.nanoTime();
        closing.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(logs.lines()).anyMatch(l -> l.contains("1 settlements of ended calls could not be made in Redis at"));
    }
}
