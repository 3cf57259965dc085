package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.config.Timeouts;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations are written 500ms, 15s, 2m or 1h; anything else fails naming the key and the value. */
class DurationSettingsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "15s, PT15S", "2m, PT2M", "1h, PT1H", "15S, PT15S", "1 m, PT1M"})
    void aDurationIsReadInEachUnit(String written, Duration expected) {
        assertThat(timeouts("chatroute.timeouts.idle", written).idle()).isEqualTo(expected);
    }

    @Test
    void eachTimeoutHasItsOwnKey() {
        Timeouts t = Settings.read(ChatrouteConfig.builder()
                .put("chatroute.timeouts.connect", "1s")
                .put("chatroute.timeouts.first-token", "2s")
                .put("chatroute.timeouts.idle", "3s")
                .put("chatroute.timeouts.total", "4s")
                .put("chatroute.stream.keepalive", "5s")
                .build()).timeouts();

        assertThat(t).isEqualTo(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    void theDefaultsAreTheContracts() {
        Timeouts t = Settings.read(ChatrouteConfig.defaults()).timeouts();

        assertThat(t.connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.firstToken()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.idle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.total()).isEqualTo(Duration.ofSeconds(120));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "1.5s", "-1s", "0s", "0ms", "1d", "soon", "s", "10 seconds", "PT15S",
        "99999999999999999999h", "9999999999999999h", "999999999h"})
    void aBadDurationFailsNamingTheKeyAndTheValue(String written) {
        assertThatThrownBy(() -> timeouts("chatroute.timeouts.first-token", written))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("chatroute.timeouts.first-token"))
                .hasMessageContaining("chatroute.timeouts.first-token")
                .hasMessageContaining("'" + written + "'");
    }

    @Test
    void aBadKeepaliveFailsTheGatewayAtStartUp() {
        ChatrouteConfig config = ChatrouteConfig.builder().put("chatroute.stream.keepalive", "often").build();

        assertThatThrownBy(() -> Chatroute.create(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.stream.keepalive")
                .hasMessageContaining("often");
    }

    private static Timeouts timeouts(String key, String value) {
        return Settings.read(ChatrouteConfig.builder().put(key, value).build()).timeouts();
    }
}
