package dev.chatroute;

import dev.chatroute.internal.config.Placeholders;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Chatroute's settings: one flat key space ({@code chatroute.*}), immutable once built.
 *
 * <p>Sources are layered, later ones winning: {@link Builder#properties properties files},
 * {@link Builder#putAll maps} (web.xml init-params and context-params), then
 * {@link Builder#systemProperties() system properties}. Values may reference
 * {@code ${env:NAME}} and {@code ${sys:name}}; they are resolved when the config is built, and a
 * reference to a variable that is not set fails with the key that used it.
 */
public final class ChatrouteConfig {

    /** The context-param, system property or (upper-cased) environment variable naming a file. */
    public static final String CONFIG_FILE_KEY = "chatroute.config";
    public static final String CONFIG_FILE_ENV = "CHATROUTE_CONFIG";
    public static final String PREFIX = "chatroute.";

    private final Map<String, String> values;

    private ChatrouteConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Built-in defaults only: the demo provider behind the {@code default} model. */
    public static ChatrouteConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder(System::getenv);
    }

    /**
     * The usual layering for a web application: the file named by {@code chatroute.config} (from
     * {@code containerParams}, then system properties, then the {@code CHATROUTE_CONFIG} environment
     * variable), then {@code containerParams}, then {@code chatroute.*} system properties.
     */
    public static ChatrouteConfig standard(Map<String, String> containerParams) {
        return builder().standard(containerParams).build();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every key and value, sorted by key. Values may be secrets: never log this map whole. */
    public Map<String, String> asMap() {
        return values;
    }

    /** A copy of this config with more values laid over it. */
    public ChatrouteConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new ChatrouteConfig(merged);
    }

    @Override
    public String toString() {
        return "ChatrouteConfig" + values.keySet();
    }

    /** Collects sources in order; later puts win. */
    public static final class Builder {
        private final Map<String, String> raw = new LinkedHashMap<>();
        private Function<String, String> env;

        private Builder(Function<String, String> env) {
            this.env = env;
        }

        /** Where {@code ${env:...}} and {@code CHATROUTE_CONFIG} are looked up; for tests. */
        public Builder environment(Function<String, String> environment) {
            this.env = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public Builder put(String key, String value) {
            if (key.startsWith(PREFIX) && value != null) {
                raw.put(key, value.trim());
            }
            return this;
        }

        /** Adds the {@code chatroute.*} entries of a map; other keys are ignored. */
        public Builder putAll(Map<String, String> entries) {
            entries.forEach(this::put);
            return this;
        }

        public Builder properties(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigException(CONFIG_FILE_KEY, "no readable file at '" + file + "'");
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties properties = new Properties();
                properties.load(reader);
                properties.stringPropertyNames().forEach(k -> put(k, properties.getProperty(k)));
                return this;
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidConfigException(CONFIG_FILE_KEY, "cannot read '" + file + "': " + e.getMessage());
            }
        }

        public Builder properties(InputStream in) throws IOException {
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            properties.stringPropertyNames().forEach(k -> put(k, properties.getProperty(k)));
            return this;
        }

        public Builder systemProperties() {
            System.getProperties().stringPropertyNames()
                    .forEach(k -> put(k, System.getProperty(k)));
            return this;
        }

        /** See {@link ChatrouteConfig#standard(Map)}. */
        public Builder standard(Map<String, String> containerParams) {
            String file = Optional.ofNullable(containerParams.get(CONFIG_FILE_KEY))
                    .or(() -> Optional.ofNullable(System.getProperty(CONFIG_FILE_KEY)))
                    .or(() -> Optional.ofNullable(env.apply(CONFIG_FILE_ENV)))
                    .filter(s -> !s.isBlank())
                    .orElse(null);
            if (file != null) {
                properties(Path.of(file.trim()));
            }
            putAll(containerParams);
            systemProperties();
            raw.remove(CONFIG_FILE_KEY);
            return this;
        }

        public ChatrouteConfig build() {
            Placeholders placeholders = new Placeholders(env, System::getProperty);
            Map<String, String> resolved = new LinkedHashMap<>();
            raw.forEach((k, v) -> resolved.put(k, placeholders.resolve(k, v)));
            return new ChatrouteConfig(resolved);
        }
    }
}
