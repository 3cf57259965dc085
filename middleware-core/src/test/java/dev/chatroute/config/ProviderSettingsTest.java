package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.internal.config.ModelRoute;
import dev.chatroute.internal.config.Settings;
import java.net.URI;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Providers and model chains are checked at start-up; each failure names the key at fault. */
class ProviderSettingsTest {

    private static final String F = "chatroute.providers.f.";

    @Test
    void anOpenAiCompatibleProviderAndItsChainAreRead() {
        Settings settings = Settings.read(ChatrouteConfig.builder()
                .put(F + "type", "openai-compatible")
                .put(F + "base-url", "https://api.example.com/v1/")
                .put(F + "api-key", "sk-x")
                .put("chatroute.models.default", "f/gpt-4o-mini, f/openai/gpt-4o")
                .build());

        assertThat(settings.providers().get("f").baseUrl()).isEqualTo(URI.create("https://api.example.com/v1"));
        assertThat(settings.model("default").targets()).containsExactly(
                new ModelRoute.Target("f", "gpt-4o-mini"), new ModelRoute.Target("f", "openai/gpt-4o"));
    }

    @Test
    void withNoConfigurationTheDefaultAliasIsTheDemo() {
        Settings settings = Settings.read(ChatrouteConfig.defaults());

        assertThat(settings.model("default").targets().get(0)).isEqualTo(new ModelRoute.Target("demo", "chatroute-demo"));
        assertThat(settings.providers().get("demo").type()).isEqualTo("demo");
    }

    @Test
    void theDemoProviderCanBeTunedWithoutRestatingItsType() {
        Settings settings = Settings.read(ChatrouteConfig.builder()
                .put("chatroute.providers.demo.token-delay", "5ms").build());

        assertThat(settings.providers().get("demo").tokenDelay()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void anUnknownProviderTypeFailsListingTheTypes() {
        failsWith(F + "type", ChatrouteConfig.builder().put(F + "type", "anthropic"))
                .hasMessageContaining("'anthropic'")
                .hasMessageContaining("openai-compatible");
    }

    @Test
    void aProviderWithoutATypeFails() {
        failsWith(F + "type", ChatrouteConfig.builder().put(F + "base-url", "https://api.example.com/v1"))
                .hasMessageContaining("required");
    }

    @Test
    void anOpenAiCompatibleProviderWithoutABaseUrlFails() {
        failsWith(F + "base-url", ChatrouteConfig.builder().put(F + "type", "openai-compatible"))
                .hasMessageContaining("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com/v1", "ftp://api.example.com/v1", "http:///v1", "not a url", "https://"})
    void anInvalidBaseUrlFailsNamingTheValue(String url) {
        failsWith(F + "base-url", ChatrouteConfig.builder().put(F + "type", "openai-compatible").put(F + "base-url", url))
                .hasMessageContaining("'" + url + "'");
    }

    @Test
    void aBaseUrlCarryingCredentialsFailsWithoutEchoingThem() {
        failsWith(F + "base-url", ChatrouteConfig.builder().put(F + "type", "openai-compatible")
                .put(F + "base-url", "https://user:hunter2@api.example.com/v1"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aChainNamingAnUnknownProviderFailsNamingIt() {
        failsWith("chatroute.models.default", ChatrouteConfig.builder().put("chatroute.models.default", "nope/gpt-4o"))
                .hasMessageContaining("'nope'")
                .hasMessageContaining("demo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "demo/", "/model", "demo/x,,demo/y"})
    void aMalformedChainFails(String chain) {
        failsWith("chatroute.models.fast", ChatrouteConfig.builder().put("chatroute.models.fast", chain))
                .hasMessageContaining("provider/model");
    }

    @Test
    void anUnknownStrategyFails() {
        failsWith("chatroute.models.fast.strategy", ChatrouteConfig.builder()
                .put("chatroute.models.fast", "demo/x").put("chatroute.models.fast.strategy", "random"))
                .hasMessageContaining("'random'");
    }

    @Test
    void aProviderNameWithSpacesFails() {
        assertThatThrownBy(() -> Settings.read(ChatrouteConfig.builder()
                .put("chatroute.providers.my provider.type", "demo").build()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'my provider'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatroute.input.max-bytes=lots", "chatroute.input.max-bytes=10",
        "chatroute.input.max-tokens=0", "chatroute.output.max-tokens=-1", "chatroute.input.max-messages=1.5",
        "chatroute.input.allow-system-messages=yes", "chatroute.path=api/chat"})
    void aBadLimitFailsNamingTheKeyAndTheValue(String setting) {
        String key = setting.substring(0, setting.indexOf('='));
        String value = setting.substring(setting.indexOf('=') + 1);

        failsWith(key, ChatrouteConfig.builder().put(key, value)).hasMessageContaining("'" + value + "'");
    }

    @Test
    void aProviderGivenInCodeMayBeNamedByAChain() {
        ChatrouteConfig config = ChatrouteConfig.builder().put("chatroute.models.default", "mine/m1").build();

        assertThatThrownBy(() -> Chatroute.create(config)).hasMessageContaining("'mine'");
        try (Chatroute chatroute = Chatroute.builder().config(config).provider(
                OpenAiCompatibleProvider.create("mine", URI.create("http://127.0.0.1:9/v1"), null,
                        Duration.ofSeconds(1))).build()) {
            assertThat(chatroute.path()).isEqualTo("/api/chat");
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String key, ChatrouteConfig.Builder config) {
        ChatrouteConfig built = config.build();
        return assertThatThrownBy(() -> Chatroute.create(built).close())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith(key + ": ");
    }
}
