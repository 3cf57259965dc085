package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.UnknownSettingException;
import dev.chatroute.internal.config.KnownKeys;
import dev.chatroute.internal.config.KnownKeys.Status;
import dev.chatroute.internal.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An unknown chatroute.* key fails start-up, naming the nearest known key; reserved ones only warn. */
class StrictConfigTest {

    private static UnknownSettingException refused(String key, String value) {
        ChatrouteConfig config = ChatrouteConfig.builder().put(key, value).build();
        UnknownSettingException e = catchThrowableOfType(UnknownSettingException.class, () -> Settings.read(config));
        assertThat(e).as("%s is refused", key).isNotNull();
        return e;
    }

    @Test
    void aTypoFailsStartUpNamingTheKeyAndTheNearestKnownOne() {
        ChatrouteConfig config = ChatrouteConfig.builder().put("chatroute.limits.request-per-minute", "5").build();

        UnknownSettingException e = catchThrowableOfType(UnknownSettingException.class,
                () -> Chatroute.builder().config(config).build());

        assertThat(e).hasMessage("Unknown setting 'chatroute.limits.request-per-minute';"
                + " did you mean 'chatroute.limits.requests-per-minute'?");
        assertThat(e.key()).isEqualTo("chatroute.limits.request-per-minute");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "chatroute.providers.openai.bse-url, chatroute.providers.openai.base-url",
        "chatroute.providers.openai.apikey, chatroute.providers.openai.api-key",
        "chatroute.models.fast.role, chatroute.models.fast.roles",
        "chatroute.limits.role.com.example.staff.tokens-per-days, chatroute.limits.role.com.example.staff.tokens-per-day",
        "chatroute.limits.globals.concurrent-streams, chatroute.limits.global.concurrent-streams",
        "chatroute.timeout.total, chatroute.timeouts.total",
        "chatroute.identity.trusted-proxy, chatroute.identity.trusted-proxies"})
    void theSuggestionFillsTheNamesOfTheKeyIntoTemplates(String typo, String nearest) {
        UnknownSettingException e = refused(typo, "x");

        assertThat(e.nearest()).isEqualTo(nearest);
    }

    @Test
    void theValueIsNeverShownAsItMayBeASecret() {
        UnknownSettingException e = refused("chatroute.providers.openai.api-kee", "sk-live-secret-1234");

        assertThat(e.getMessage()).doesNotContain("sk-live").contains("chatroute.providers.openai.api-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatroute.limits.role.com.example.staff.requests-per-minute",
        "chatroute.providers.my_local-llm.token-delay", "chatroute.models.default.roles", "chatroute.mode",
        "chatroute.enabled", "chatroute.defaults", "chatroute.path", "chatroute.config",
        "chatroute.upstream.max-line-bytes", "chatroute.identity.anonymous.ipv6-prefix", "chatroute.csrf.allowed-hosts",
        "chatroute.pii.mode", "chatroute.pii.types", "chatroute.pii.restore", "chatroute.pii.phone-regions",
        "chatroute.clients.reports.key-sha256", "chatroute.clients.reports.roles",
        "chatroute.limits.global.tokens-per-day", "chatroute.limits.spend-per-day", "chatroute.limits.spend-per-month",
        "chatroute.limits.role.finance.spend-per-day", "chatroute.limits.role.finance.spend-per-month",
        "chatroute.admin-role", "chatroute.metrics.allowed-addresses",
        "chatroute.providers.openrouter.headers.X-Title", "chatroute.providers.openai.headers.OpenAI-Organization",
        "chatroute.providers.openai.proxy", "chatroute.providers.openai.truststore",
        "chatroute.providers.openai.truststore-password", "chatroute.openai.enabled", "chatroute.openai.path"})
    void everyKeyTheAdaptersAndThisIssueReadIsKnown(String key) {
        assertThat(KnownKeys.status(key)).isEqualTo(Status.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatroute.models.fast.roles.extra", "chatroute.limits.role.staff",
        "chatroute.limits.role..requests-per-minute", "chatroute.providers.a.b.type", "chatroute", "chatroute.",
        "chatroute.limits.global.spend-per-day"})
    void keysThatOnlyLookLikeTemplatesAreUnknown(String key) {
        assertThat(KnownKeys.status(key)).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void keysOutsideChatrouteAreNotOurs() {
        ChatrouteConfig config = ChatrouteConfig.builder().put("server.port", "8080").put("chatroutes.x", "1").build();

        assertThat(KnownKeys.check(config)).isEmpty();
    }

    /**
     * Every key the README's "Configuration" section documents is in the registry, so the two
     * cannot drift apart. Only that section: elsewhere {@code chatroute.} also begins meter names.
     */
    @Test
    void everyKeyInTheReadmeIsKnown() throws IOException {
        String whole = Files.readString(Path.of("..", "README.md"));
        int start = whole.indexOf("\n## Configuration\n");
        int end = whole.indexOf("\n## ", start + 1);
        assertThat(start).as("the README's Configuration section").isNotNegative();
        String readme = whole.substring(start, end < 0 ? whole.length() : end);
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("`(chatroute\\.[^`=\\s]+)").matcher(readme);
        while (m.find()) {
            String key = m.group(1);
            if (key.endsWith("*")) {
                continue; // a family such as chatroute.retry.*, whose keys have rows of their own
            }
            for (String limit : List.of("requests-per-minute", "tokens-per-day", "concurrent-streams")) {
                keys.add(key.replace("<limit>", limit).replaceAll("<[^>]+>", "n1"));
            }
        }

        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(keys).allSatisfy(key -> assertThat(KnownKeys.status(key)).as(key).isNotEqualTo(Status.UNKNOWN));
    }
}
