package dev.chatroute.limits;

import static dev.chatroute.limits.LimiterCalls.call;

import dev.chatroute.testing.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A password in the Redis URI reaches Redis and nothing else: no message, no log line. */
class RedisPasswordTest {

    private static final String PASSWORD = "s3cret-Pw0rd-4-limits";
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(PASSWORD);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    private static LimitSettings settings(String uri, String onFailure) {
        return LimitSettings.read(new ConfigReader(ChatrouteConfig.builder()
                .put("chatroute.limits.store", "redis")
                .put("chatroute.limits.redis.uri", uri)
                .put("chatroute.limits.redis.on-failure", onFailure)
                .build()));
    }

    @Test
    void thePasswordIsUsedButNeverShownThroughAnOutageAndRecovery() {
        List<String> messages = new ArrayList<>();
        try (LogCapture logs = LogCapture.install()) {
            LimitSettings settings = settings("redis://:" + PASSWORD + "@127.0.0.1:" + redis.port(), "deny");
            messages.add(settings.toString());
            try (Limiter limiter = Limiters.create(settings)) {
                Identity alice = Identity.of("alice");
                call(limiter, alice, 10).end(10);

                redis.stop();
                for (int i = 0; i < 3; i++) {
                    ApiErrorException refused = catchThrowableOfType(ApiErrorException.class,
                            () -> call(limiter, alice, 10));
                    assertThat(refused.error().status()).isEqualTo(503);
                    messages.add(refused.toString());
                    messages.add(refused.error().message());
                }
                redis.restart();
                await().atMost(Duration.ofSeconds(10)).ignoreException(ApiErrorException.class)
                        .untilAsserted(() -> call(limiter, alice, 10).end(10));
            }

            assertThat(logs.all()).contains("is unreachable", "answers again")
                    .contains("redis://***@127.0.0.1:" + redis.port())
                    .doesNotContain(PASSWORD);
            assertThat(messages).noneMatch(m -> m.contains(PASSWORD));
        }
    }

    @Test
    void thePasswordIsNeverShownWhileSettlementsWaitForAHungRedis() {
        try (LogCapture logs = LogCapture.install()) {
            LimitSettings settings = settings("redis://:" + PASSWORD + "@127.0.0.1:" + redis.port(), "deny");
            try (Limiter limiter = Limiters.create(settings)) {
                Admission call = call(limiter, Identity.of("bob"), 10);
                redis.pause();
                try {
                    call.end(5);
                    await().atMost(Duration.ofSeconds(10)).until(() -> logs.all().contains("Could not settle"));
                } finally {
                    redis.resume();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> logs.all().contains("takes settlements"));
            }

            assertThat(logs.all()).contains("redis://***@127.0.0.1:" + redis.port()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutBeingShown() {
        String wrong = "not-the-Passw0rd-xyz";
        try (LogCapture logs = LogCapture.install();
                Limiter limiter = Limiters.create(settings("redis://default:" + wrong + "@127.0.0.1:" + redis.port(),
                        "deny"))) {
            ApiErrorException refused = catchThrowableOfType(ApiErrorException.class,
                    () -> call(limiter, Identity.of("alice"), 10));

            assertThat(refused.error().code()).isEqualTo("limits_unavailable");
            assertThat(refused.toString()).doesNotContain(wrong);
            assertThat(logs.all()).contains("is unreachable").doesNotContain(wrong);
        }
    }

    @Test
    void aBadUriIsRefusedAtStartUpWithoutShowingThePassword() {
        for (String uri : List.of("redis://:" + PASSWORD + "@", "http://user:" + PASSWORD + "@host:6379",
                "redis://:" + PASSWORD + "@host name:6379")) {
            InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> settings(uri, "deny"));

            assertThat(e).as(uri).isNotNull();
            assertThat(e.key()).isEqualTo("chatroute.limits.redis.uri");
            assertThat(e.getMessage()).contains("***").doesNotContain(PASSWORD);
        }
    }
}
