package dev.chatroute.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ModelRoute;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.RoutingSettings;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.routing.Router;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order in which a call tries a chain, per strategy, and the settings that shape routing. */
class StrategyTest {

    private static Settings read(String... keysAndValues) {
        ChatrouteConfig.Builder b = ChatrouteConfig.builder().environment(n -> null)
                .put("chatroute.providers.a.type", "demo").put("chatroute.providers.b.type", "demo")
                .put("chatroute.providers.c.type", "demo");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.read(b.build());
    }

    @Test
    void fallbackKeepsTheChainOrder() {
        ModelRoute route = read("chatroute.models.m", "a/x, b/y, c/z").model("m");

        assertThat(Router.order(route)).extracting(Target::provider).containsExactly("a", "b", "c");
    }

    @Test
    void cheapestFirstStartsWithTheLowestCostAndEscalates() {
        ModelRoute route = read("chatroute.models.m", "a/big, b/small, c/medium",
                "chatroute.models.m.strategy", "cheapest-first", "chatroute.models.m.costs", "10, 0.2, 3").model("m");

        assertThat(Router.order(route)).extracting(Target::model).containsExactly("small", "medium", "big");
    }

    @Test
    void weightedSpreadsFirstPicksInProportionAndStillListsEveryTarget() {
        ModelRoute route = read("chatroute.models.m", "a/x, b/y", "chatroute.models.m.strategy", "weighted",
                "chatroute.models.m.weights", "3, 1").model("m");
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            List<Target> order = Router.order(route);
            assertThat(order).hasSize(2).doesNotHaveDuplicates();
            first.merge(order.get(0).provider(), 1, Integer::sum);
        }
        assertThat(first.get("a")).isBetween(2700, 3300);
    }

    @Test
    void weightsMustMatchTheChain() {
        assertThatThrownBy(() -> read("chatroute.models.m", "a/x, b/y", "chatroute.models.m.weights", "1"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.models.m.weights").hasMessageContaining("2 targets");
        assertThatThrownBy(() -> read("chatroute.models.m", "a/x", "chatroute.models.m.costs", "cheap"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.models.m.costs");
    }

    @Test
    void retryAndCircuitSettingsHaveTheContractsDefaults() {
        RoutingSettings r = read().routing();

        assertThat(r.maxAttempts()).isEqualTo(3);
        assertThat(r.budgetRatio()).isEqualTo(0.1);
        assertThat(r.failureThreshold()).isEqualTo(5);
        assertThat(r.circuitDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badRetrySettingsNameTheKeyAndValue() {
        assertThatThrownBy(() -> read("chatroute.retry.budget-ratio", "2"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.retry.budget-ratio");
        assertThatThrownBy(() -> read("chatroute.retry.max-attempts", "0"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.retry.max-attempts");
    }
}
