package dev.chatroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.cost.Price;
import dev.chatroute.internal.cost.Prices;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chatroute.providers.<name>.prices} is read at start-up; a bad entry fails naming the key. */
class PricesSettingsTest {

    private static final String KEY = "chatroute.providers.f.prices";

    @Test
    void entriesGiveInputOutputAndCachedPricesAndStarIsAnyOtherModel() {
        Prices prices = read("gpt-4o-mini=0.15/0.60/0.075, *=1.00/3.00");

        assertThat(prices.of("gpt-4o-mini")).contains(price("0.15", "0.60", "0.075"));
        assertThat(prices.of("gpt-4o")).contains(price("1.00", "3.00", null));
    }

    @Test
    void modelNamesMayHoldSlashesAndColons() {
        Prices prices = read("openai/gpt-4o=2.50/10.00, meta-llama/llama-3.1-8b:free=0/0, llama3.2:3b=0.1/0.2");

        assertThat(prices.of("openai/gpt-4o")).contains(price("2.50", "10.00", null));
        assertThat(prices.of("meta-llama/llama-3.1-8b:free")).contains(price("0", "0", null));
        assertThat(prices.of("llama3.2:3b")).contains(price("0.1", "0.2", null));
        assertThat(prices.of("gpt-4o")).isEmpty();
    }

    @Test
    void withoutTheKeyAProviderHasNoPrices() {
        Settings settings = Settings.read(provider().build());

        assertThat(settings.providers().get("f").prices().configured()).isFalse();
    }

    @Test
    void theKeyIsActiveSoItIsNotWarnedOfAsReserved() {
        assertThat(dev.chatroute.internal.config.KnownKeys.status(KEY))
                .isEqualTo(dev.chatroute.internal.config.KnownKeys.Status.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o=1.00", "gpt-4o=1/2/3/4", "=1/2", "gpt-4o=-1/2", "gpt-4o=1/abc",
        "gpt-4o=1e3/2", "gpt-4o=0.0000001/1", "gpt-4o=1/2, gpt-4o=3/4", "*=1/2, *=3/4", "a=1/2=3", "gpt-4o=1//2",
        "a=1/2,,b=1/2"})
    void aBadEntryFailsStartUpNamingTheKey(String value) {
        ChatrouteConfig config = provider().put(KEY, value).build();

        assertThatThrownBy(() -> Chatroute.create(config).close())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageStartingWith(KEY + ": ");
    }

    private static Prices read(String value) {
        return Settings.read(provider().put(KEY, value).build()).providers().get("f").prices();
    }

    private static ChatrouteConfig.Builder provider() {
        return ChatrouteConfig.builder()
                .put("chatroute.providers.f.type", "openai-compatible")
                .put("chatroute.providers.f.base-url", "https://api.example.com/v1")
                .put("chatroute.providers.f.api-key", "sk-x");
    }

    private static Price price(String input, String output, String cached) {
        return new Price(new BigDecimal(input), new BigDecimal(output), cached == null ? null : new BigDecimal(cached));
    }
}
