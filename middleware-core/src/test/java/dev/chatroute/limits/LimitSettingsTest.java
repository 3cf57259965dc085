package dev.chatroute.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.LimitSettings.OnFailure;
import dev.chatroute.internal.limits.LimitSettings.Store;
import dev.chatroute.internal.limits.Quota;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chatroute.limits.* keys: defaults, roles, off, and bad values named with their key. */
class LimitSettingsTest {

    private static LimitSettings read(String... keysAndValues) {
        ChatrouteConfig.Builder config = ChatrouteConfig.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return LimitSettings.read(new ConfigReader(config.build()));
    }

    @Test
    void theDefaultsAreTheContracts() {
        LimitSettings settings = read();

        assertThat(settings.base()).isEqualTo(new Quota(20, 200_000, 2));
        assertThat(settings.store()).isEqualTo(Store.LOCAL);
        assertThat(settings.redis().onFailure()).isEqualTo(OnFailure.DENY);
        assertThat(settings.redis().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.roleNames()).isEmpty();
        assertThat(settings.global()).isEqualTo(new Quota(Quota.OFF, Quota.OFF, Quota.OFF));
        assertThat(settings).isEqualTo(LimitSettings.defaults());
    }

    @Test
    void globalLimitsAreReadLikeAUsersAndStayOffUnlessSet() {
        LimitSettings settings = read("chatroute.limits.global.requests-per-minute", "600",
                "chatroute.limits.global.tokens-per-day", "50000000");

        assertThat(settings.global()).isEqualTo(new Quota(600, 50_000_000, Quota.OFF));
        assertThat(settings.base()).isEqualTo(new Quota(20, 200_000, 2));
        assertThatThrownBy(() -> read("chatroute.limits.global.concurrent-streams", "lots"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.limits.global.concurrent-streams")
                .hasMessageContaining("'lots' is not a whole number (or off)");
    }

    @Test
    void spendBudgetsAreOffUnlessSetAndReadAsWholeMicroDollars() {
        assertThat(read().base().spendPerDay()).isEqualTo(Quota.OFF);
        assertThat(read().base().spendPerMonth()).isEqualTo(Quota.OFF);

        LimitSettings settings = read("chatroute.limits.spend-per-day", "2.50",
                "chatroute.limits.spend-per-month", "40", "chatroute.limits.role.finance.spend-per-day", "0.000001");

        assertThat(settings.base()).isEqualTo(new Quota(20, 200_000, 2, 2_500_000, 40_000_000));
        assertThat(read("chatroute.limits.spend-per-day", "off").base().spendPerDay()).isEqualTo(Quota.OFF);
        assertThat(read("chatroute.limits.spend-per-month", "1000000").base().spendPerMonth())
                .isEqualTo(1_000_000_000_000L);
    }

    @Test
    void aRoleRaisesABudgetAsItRaisesAnyLimitAndInheritsTheRest() {
        LimitSettings settings = read("chatroute.limits.spend-per-day", "5",
                "chatroute.limits.spend-per-month", "50",
                "chatroute.limits.role.finance.spend-per-day", "20",
                "chatroute.limits.role.board.spend-per-month", "off");

        assertThat(settings.roleNames()).containsExactly("board", "finance");
        assertThat(settings.quotaFor(Set.of("finance"))).isEqualTo(new Quota(20, 200_000, 2, 20_000_000, 50_000_000));
        assertThat(settings.quotaFor(Set.of("board"))).isEqualTo(new Quota(20, 200_000, 2, 5_000_000, Quota.OFF));
        assertThat(settings.quotaFor(Set.of("finance", "board")))
                .isEqualTo(new Quota(20, 200_000, 2, 20_000_000, Quota.OFF));
        assertThat(settings.quotaFor(Set.of())).isEqualTo(settings.base());
    }

    @ParameterizedTest
    @CsvSource({
        "chatroute.limits.spend-per-day, -1",
        "chatroute.limits.spend-per-day, abc",
        "chatroute.limits.spend-per-day, 1e400",
        "chatroute.limits.spend-per-month, 1E2",
        "chatroute.limits.spend-per-month, 0",
        "chatroute.limits.spend-per-day, 0.0000001",
        "chatroute.limits.spend-per-day, 1000000.01",
        "chatroute.limits.spend-per-day, NaN",
        "chatroute.limits.spend-per-day, $5",
        "chatroute.limits.role.finance.spend-per-month, 12.5.0",
    })
    void aBadBudgetFailsStartUpNamingTheKeyAndTheValue(String key, String value) {
        assertThatThrownBy(() -> read(key, value))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void everyKeyIsRead() {
        LimitSettings settings = read("chatroute.limits.requests-per-minute", "30",
                "chatroute.limits.tokens-per-day", "5000000000",
                "chatroute.limits.concurrent-streams", "off",
                "chatroute.limits.store", "redis",
                "chatroute.limits.redis.uri", "redis://127.0.0.1:6379",
                "chatroute.limits.redis.on-failure", "allow-local",
                "chatroute.limits.redis.timeout", "250ms");

        assertThat(settings.base()).isEqualTo(new Quota(30, 5_000_000_000L, Quota.OFF));
        assertThat(settings.store()).isEqualTo(Store.REDIS);
        assertThat(settings.redis().safeUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(settings.redis().onFailure()).isEqualTo(OnFailure.ALLOW_LOCAL);
        assertThat(settings.redis().timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aRoleOverridesTheKeysItSetsAndInheritsTheRest() {
        LimitSettings settings = read("chatroute.limits.requests-per-minute", "10",
                "chatroute.limits.role.staff.requests-per-minute", "100",
                "chatroute.limits.role.app.admins.tokens-per-day", "off");

        assertThat(settings.roleNames()).containsExactly("app.admins", "staff");
        assertThat(settings.quotaFor(Set.of("staff"))).isEqualTo(new Quota(100, 200_000, 2));
        assertThat(settings.quotaFor(Set.of("app.admins"))).isEqualTo(new Quota(10, Quota.OFF, 2));
        assertThat(settings.quotaFor(Set.of("staff", "app.admins"))).isEqualTo(new Quota(100, Quota.OFF, 2));
        assertThat(settings.quotaFor(Set.of("someone-else"))).isEqualTo(settings.base());
    }

    @ParameterizedTest
    @CsvSource({
        "chatroute.limits.requests-per-minute, 0",
        "chatroute.limits.requests-per-minute, -5",
        "chatroute.limits.tokens-per-day, lots",
        "chatroute.limits.concurrent-streams, 1.5",
        "chatroute.limits.concurrent-streams, none",
        "chatroute.limits.role.staff.tokens-per-day, 99999999999999999999",
        "chatroute.limits.store, memcached",
        "chatroute.limits.redis.on-failure, allow",
        "chatroute.limits.redis.timeout, 5 seconds",
    })
    void aBadValueFailsNamingTheKeyAndTheValue(String key, String value) {
        assertThatThrownBy(() -> read(key, value))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void aTypoInARoleKeyIsNotIgnored() {
        assertThatThrownBy(() -> read("chatroute.limits.role.staff.request-per-minute", "100"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.limits.role.staff.request-per-minute")
                .hasMessageContaining("requests-per-minute");
    }

    @Test
    void aRedisUriWhosePasswordCannotBeSentFailsStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> read("chatroute.limits.store", "redis",
                "chatroute.limits.redis.uri", "redis://:hunter2\u00e9-SECRET@127.0.0.1:6379"))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("chatroute.limits.redis.uri"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theRedisStoreNeedsAUri() {
        assertThatThrownBy(() -> read("chatroute.limits.store", "redis"))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("chatroute.limits.redis.uri"))
                .hasMessageContaining("required");
    }
}
