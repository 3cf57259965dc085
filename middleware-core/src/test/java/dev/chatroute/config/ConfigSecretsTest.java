package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An API key never shows in a config error, nor when a config or its settings are printed. */
class ConfigSecretsTest {

    private static final String KEY = "sk-test-SECRET123";
    private static final String F = "chatroute.providers.f.";

    @ParameterizedTest
    @ValueSource(strings = {
        F + "type=anthropic",
        F + "base-url=not a url",
        F + "base-url=https://user:sk-test-SECRET123@api.example.com/v1",
        F + "token-delay=fast",
        "chatroute.models.default=nope/gpt-4o",
        "chatroute.timeouts.total=forever",
        "chatroute.input.max-bytes=huge",
        "chatroute.system-prompt=${env:NOT_SET}"})
    void aConfigErrorNeverShowsTheKey(String badSetting) {
        int eq = badSetting.indexOf('=');
        ChatrouteConfig.Builder builder = withKey().put(badSetting.substring(0, eq), badSetting.substring(eq + 1));

        Throwable thrown = catchThrowable(() -> Settings.read(builder.build()));

        assertThat(thrown).isInstanceOf(InvalidConfigException.class);
        assertThat(thrown.getMessage()).doesNotContain(KEY).doesNotContain("SECRET123");
        assertThat(thrown.toString()).doesNotContain(KEY);
    }

    @Test
    void aKeyReferenceThatCannotBeResolvedNamesTheVariableNotAValue() {
        Throwable thrown = catchThrowable(() -> ChatrouteConfig.builder()
                .environment(Map.of("OTHER", KEY)::get)
                .put(F + "api-key", "${env:OPENAI_API_KEY}").build());

        assertThat(thrown).isInstanceOf(InvalidConfigException.class).hasMessageContaining("OPENAI_API_KEY");
        assertThat(thrown.getMessage()).doesNotContain(KEY);
    }

    @Test
    void printingTheConfigAndSettingsNeverShowsTheKey() {
        ChatrouteConfig config = withKey().build();
        Settings settings = Settings.read(config);

        assertThat(config.get(F + "api-key")).hasValue(KEY);
        assertThat(settings.providers().get("f").apiKey().reveal()).isEqualTo(KEY);
        assertThat(config.toString()).contains(F + "api-key").doesNotContain(KEY);
        assertThat(settings.toString()).doesNotContain(KEY);
        assertThat(settings.providers().toString()).contains("f").doesNotContain(KEY);
        assertThat(settings.providers().get("f").apiKey().toString()).doesNotContain(KEY);
    }

    /** A valid provider whose key comes from the environment, as it usually does. */
    private static ChatrouteConfig.Builder withKey() {
        return ChatrouteConfig.builder()
                .environment(Map.of("OPENAI_API_KEY", KEY)::get)
                .put(F + "type", "openai-compatible")
                .put(F + "base-url", "https://api.example.com/v1")
                .put(F + "api-key", "${env:OPENAI_API_KEY}")
                .put("chatroute.models.default", "f/gpt-4o-mini");
    }
}
