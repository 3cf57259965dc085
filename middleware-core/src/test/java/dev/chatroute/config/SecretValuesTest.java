package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.testing.LogCapture;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key read from a secret file keeps no stray newline, and one with a control character in it fails
 * start-up naming the key; a base URL's credentials and query are never echoed; a key sent in the
 * clear across the network is warned of once.
 */
class SecretValuesTest {

    private static final String F = "chatroute.providers.f.";
    private static final String KEY = "sk-test-SECRET123";

    @ParameterizedTest
    @ValueSource(strings = {KEY + "\n", KEY + "\r\n", "  " + KEY + "\t\n"})
    void aKeyFromASecretFileSavedWithANewlineIsTrimmed(String fileContent) {
        Settings settings = Settings.read(provider("${env:OPENAI_API_KEY}", "https://api.example.com/v1",
                Map.of("OPENAI_API_KEY", fileContent)).build());

        assertThat(settings.providers().get("f").apiKey().reveal()).isEqualTo(KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-test-\nSECRET123", "sk-test-SECRET123\u0000x", "sk-test-\u201cSECRET123",
        "sk-test-SECRET123\u007f!"})
    void aKeyThatStillHoldsAControlCharacterFailsStartUpNamingTheKeyNotTheValue(String value) {
        ChatrouteConfig config = provider("${env:OPENAI_API_KEY}", "https://api.example.com/v1",
                Map.of("OPENAI_API_KEY", value)).build();

        Throwable thrown = catchThrowable(() -> Chatroute.create(config).close());

        assertThat(thrown).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.key()).isEqualTo(F + "api-key"));
        assertThat(thrown.getMessage()).startsWith(F + "api-key: ").contains("control").doesNotContain("SECRET123");
    }

    @Test
    void aKeyGivenInCodeIsCheckedTheSameWay() {
        Throwable thrown = catchThrowable(() -> OpenAiCompatibleProvider.create("mine",
                URI.create("https://api.example.com/v1"), "sk-test-\nSECRET123", Duration.ofSeconds(1)));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mine");
        assertThat(thrown.getMessage()).doesNotContain("SECRET123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://user:hunter2@api.example.com/v1", "https://user:hunter2@api.example.com/v1",
        "ftp://api.example.com/v1?key=hunter2", "https://user:hun/ter2@", "not a url?token=hunter2",
        "https://api.example.com/v1#hunter2", "https://api.example.com/v1?key=hunter2#x", "http:///v1?k=hunter2"})
    void aBadBaseUrlIsNamedWithoutItsUserInfoOrQuery(String url) {
        ChatrouteConfig config = provider("sk-x", url, Map.of()).build();

        Throwable thrown = catchThrowable(() -> Chatroute.create(config).close());

        assertThat(thrown).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.key()).isEqualTo(F + "base-url"));
        assertThat(thrown.getMessage()).doesNotContain("hunter2").doesNotContain("hun/ter2");
    }

    @Test
    void aBaseUrlWithAQueryIsKeptButNeverShown() {
        try (LogCapture logs = LogCapture.install()) {
            ChatrouteConfig config = provider("sk-x", "https://api.example.com/v1/?token=hunter2", Map.of()).build();
            Settings settings = Settings.read(config);

            assertThat(settings.providers().get("f").baseUrl()).hasToString("https://api.example.com/v1?token=hunter2");
            assertThat(settings.providers().toString()).doesNotContain("hunter2").contains("api.example.com/v1");
            OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider("f",
                    settings.providers().get("f").baseUrl(), "sk-x", java.net.http.HttpClient.newHttpClient());
            assertThat(provider.toString()).contains("/v1/chat/completions?").doesNotContain("hunter2");
            Chatroute.create(config).close();
            assertThat(logs.all()).doesNotContain("hunter2");
        }
    }

    @Test
    void aKeySentOverPlainHttpToAnotherHostIsWarnedOfOnceAtStartUp() {
        try (LogCapture logs = LogCapture.install()) {
            Chatroute.create(provider("sk-x", "http://llm.internal.example:8000/v1?token=hunter2", Map.of()).build())
                    .close();

            assertThat(logs.lines()).filteredOn(l -> l.contains("plain http://")).singleElement().asString()
                    .contains("Provider f").contains("llm.internal.example").doesNotContain("hunter2")
                    .doesNotContain("sk-x");
        }
    }

    @Test
    void aKeySentOverPlainHttpThroughANamedProxyIsWarnedOfEvenToThisMachine() {
        try (LogCapture logs = LogCapture.install()) {
            Chatroute.create(provider("sk-x", "http://127.0.0.1:8000/v1", Map.of()).put(F + "proxy", "proxy.example:3128")
                    .build()).close();

            assertThat(logs.lines()).filteredOn(l -> l.contains("plain http://")).singleElement().asString()
                    .contains("Provider f").contains("proxy.example:3128").doesNotContain("sk-x");
        }
        try (LogCapture logs = LogCapture.install()) {
            Chatroute.create(provider("sk-x", "https://llm.internal.example/v1", Map.of())
                    .put(F + "proxy", "proxy.example:3128").build()).close();

            assertThat(logs.all()).doesNotContain("plain http://");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8000/v1", "http://localhost:11434/v1", "http://[::1]:8000/v1",
        "https://llm.internal.example/v1"})
    void aKeyThatStaysOnThisMachineOrIsEncryptedIsNotWarnedOf(String url) {
        try (LogCapture logs = LogCapture.install()) {
            Chatroute.create(provider("sk-x", url, Map.of()).build()).close();

            assertThat(logs.all()).doesNotContain("plain http://");
        }
    }

    @Test
    void aProviderWithoutAKeyIsNotWarnedOf() {
        try (LogCapture logs = LogCapture.install()) {
            Chatroute.create(ChatrouteConfig.builder()
                    .put(F + "type", "openai-compatible").put(F + "base-url", "http://vllm.internal.example/v1")
                    .put("chatroute.models.default", "f/m").build()).close();

            assertThat(logs.all()).doesNotContain("plain http://");
        }
    }

    private static ChatrouteConfig.Builder provider(String key, String url, Map<String, String> env) {
        return ChatrouteConfig.builder()
                .environment(env::get)
                .put(F + "type", "openai-compatible")
                .put(F + "base-url", url)
                .put(F + "api-key", key)
                .put("chatroute.models.default", "f/gpt-4o-mini");
    }
}
