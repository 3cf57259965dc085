package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources are layered, later ones winning; {@code ${env:..}} and {@code ${sys:..}} are resolved. */
class ConfigLayeringTest {

    @TempDir
    Path dir;

    @Test
    void laterSourcesWin() throws IOException {
        Path file = write("chatroute.layer.a=file\nchatroute.layer.b=file\nchatroute.layer.c=file\n");

        ChatrouteConfig config = ChatrouteConfig.builder()
                .properties(file)
                .putAll(Map.of("chatroute.layer.b", "params", "chatroute.layer.c", "params"))
                .put("chatroute.layer.c", "code")
                .build();

        assertThat(config.get("chatroute.layer.a")).hasValue("file");
        assertThat(config.get("chatroute.layer.b")).hasValue("params");
        assertThat(config.get("chatroute.layer.c")).hasValue("code");
    }

    @Test
    void theStandardLayeringIsFileThenContainerParamsThenSystemProperties() throws IOException {
        Path file = write("chatroute.layer.a=file\nchatroute.layer.b=file\nchatroute.layer.c=file\n");
        System.setProperty("chatroute.layer.c", "sys");
        try {
            ChatrouteConfig config = ChatrouteConfig.builder()
                    .environment(Map.of("CHATROUTE_CONFIG", file.toString())::get)
                    .standard(Map.of("chatroute.layer.b", "params", "chatroute.layer.c", "params"))
                    .build();

            assertThat(config.get("chatroute.layer.a")).hasValue("file");
            assertThat(config.get("chatroute.layer.b")).hasValue("params");
            assertThat(config.get("chatroute.layer.c")).hasValue("sys");
            assertThat(config.get(ChatrouteConfig.CONFIG_FILE_KEY)).isEmpty();
        } finally {
            System.clearProperty("chatroute.layer.c");
        }
    }

    @Test
    void aContainerParamNamingTheFileBeatsTheEnvironmentVariable() throws IOException {
        Path fromEnv = write("chatroute.layer.a=env-file\n");
        Path fromParam = Files.writeString(dir.resolve("param.properties"), "chatroute.layer.a=param-file\n");

        ChatrouteConfig config = ChatrouteConfig.builder()
                .environment(Map.of("CHATROUTE_CONFIG", fromEnv.toString())::get)
                .standard(Map.of(ChatrouteConfig.CONFIG_FILE_KEY, fromParam.toString()))
                .build();

        assertThat(config.get("chatroute.layer.a")).hasValue("param-file");
    }

    @Test
    void aMissingConfigFileFailsNamingTheFile() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ChatrouteConfig.builder()
                .environment(Map.of("CHATROUTE_CONFIG", missing.toString())::get)
                .standard(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ChatrouteConfig.CONFIG_FILE_KEY))
                .hasMessageContaining("nope.properties");
    }

    @Test
    void keysOutsideTheChatrouteSpaceAreIgnoredAndValuesAreTrimmed() {
        ChatrouteConfig config = ChatrouteConfig.builder()
                .putAll(Map.of("javax.faces.PROJECT_STAGE", "Development", "chatroute.layer.a", "  spaced  "))
                .build();

        assertThat(config.asMap()).containsOnlyKeys("chatroute.layer.a");
        assertThat(config.get("chatroute.layer.a")).hasValue("spaced");
    }

    @Test
    void placeholdersAreResolvedFromTheEnvironmentAndSystemProperties() {
        Map<String, String> env = Map.of("HOST", "llm.internal", "PORT", "8443");

        ChatrouteConfig config = ChatrouteConfig.builder()
                .environment(env::get)
                .put("chatroute.providers.f.base-url", "https://${env:HOST}:${env:PORT}/v1")
                .put("chatroute.layer.home", "${sys:java.version}")
                .put("chatroute.layer.fallback", "${env:UNSET_VAR:-local}")
                .put("chatroute.layer.empty-fallback", "x${env:UNSET_VAR:-}y")
                .build();

        assertThat(config.get("chatroute.providers.f.base-url")).hasValue("https://llm.internal:8443/v1");
        assertThat(config.get("chatroute.layer.home")).hasValue(System.getProperty("java.version"));
        assertThat(config.get("chatroute.layer.fallback")).hasValue("local");
        assertThat(config.get("chatroute.layer.empty-fallback")).hasValue("xy");
    }

    @Test
    void aSetVariableWinsOverItsDefault() {
        ChatrouteConfig config = ChatrouteConfig.builder()
                .environment(Map.of("MODEL", "gpt-4o")::get)
                .put("chatroute.layer.model", "${env:MODEL:-gpt-4o-mini}")
                .build();

        assertThat(config.get("chatroute.layer.model")).hasValue("gpt-4o");
    }

    @Test
    void anUnsetEnvironmentVariableFailsNamingTheKeyAndTheVariable() {
        ChatrouteConfig.Builder builder = ChatrouteConfig.builder()
                .environment(name -> null)
                .put("chatroute.providers.openai.api-key", "${env:OPENAI_API_KEY}");

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("chatroute.providers.openai.api-key"))
                .hasMessageContaining("chatroute.providers.openai.api-key")
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void anUnsetSystemPropertyFailsNamingTheKeyAndTheProperty() {
        ChatrouteConfig.Builder builder = ChatrouteConfig.builder()
                .put("chatroute.system-prompt", "${sys:chatroute.test.no-such-property}");

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.system-prompt")
                .hasMessageContaining("chatroute.test.no-such-property");
    }

    private Path write(String properties) throws IOException {
        return Files.writeString(dir.resolve("chatroute.properties"), properties);
    }
}
