package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.config.UpstreamSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte sizes are written as plain numbers or with a binary unit; anything else fails naming key and value. */
class ByteSizeSettingsTest {

    private static final String LINE = "chatroute.upstream.max-line-bytes";
    private static final String BODY = "chatroute.input.max-bytes";

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "512KiB, 524288", "1MiB, 1048576", "1 MiB, 1048576", "2mib, 2097152",
        "4096B, 4096", "1GiB, 1073741824"})
    void aSizeIsAPlainNumberOrOneWithABinaryUnit(String written, long bytes) {
        assertThat(ConfigReader.parseByteSize(LINE, written)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1MB", "1 KB", "lots", "-1", "1.5MiB", "MiB", "99999999999999999999", "9999999999GiB"})
    void anythingElseFailsNamingTheKeyAndTheValue(String written) {
        assertThatThrownBy(() -> ConfigReader.parseByteSize(LINE, written))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(LINE))
                .hasMessageContaining("'" + written + "'");
    }

    @ParameterizedTest
    @CsvSource({"512KiB, 524288", "2097152, 2097152", "'', 1048576"})
    void theUpstreamLineLimitIsReadAsASize(String written, int bytes) {
        ChatrouteConfig config = ChatrouteConfig.builder().put(LINE, written).build();

        assertThat(UpstreamSettings.read(new ConfigReader(config)).maxLineBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "64KiB", "1MiB"})
    void theRequestBodyLimitTakesPlainNumbersAsBeforeAndUnitsNow(String written) {
        Settings settings = Settings.read(ChatrouteConfig.builder().put(BODY, written).build());

        assertThat(settings.input().maxBytes()).isEqualTo((int) ConfigReader.parseByteSize(BODY, written));
    }

    @ParameterizedTest
    @CsvSource({LINE + ", 10", LINE + ", 65MiB", LINE + ", 1MB", BODY + ", 10", BODY + ", 65MiB", BODY + ", 1MB"})
    void aSizeOutOfRangeOrMiswrittenFailsStartUp(String key, String written) {
        ChatrouteConfig config = ChatrouteConfig.builder().put(key, written).build();

        assertThatThrownBy(() -> Chatroute.create(config).close())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith(key + ": '" + written + "'");
    }
}
