package dev.chatroute.jaxrs.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.spi.Identity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Where the application produces a Micrometer {@code MeterRegistry} bean, the gateway that the CDI
 * integration builds records its metrics there; in a real Weld container, with the demo provider.
 */
class CdiMeterRegistryTest {

    /** The application's beans: its configuration, and (in some tests) its registry. */
    static class AppConfig {
        @Produces
        ChatrouteConfig config() {
            return ChatrouteConfig.builder().environment(name -> null)
                    .put("chatroute.providers.demo.token-delay", "1ms").build();
        }
    }

    static class AppRegistry {
        static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        @Singleton
        MeterRegistry registry() {
            return REGISTRY;
        }
    }

    static class SecondRegistry {
        @Produces
        @Singleton
        MeterRegistry another() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void theGatewayRecordsOnTheApplicationsMeterRegistryBean() throws Exception {
        AppRegistry.REGISTRY.clear();
        try (WeldContainer cdi = weld(AppConfig.class, AppRegistry.class).initialize()) {
            ask(cdi.select(Chatroute.class).get());

            // The call's end is recorded just after its answer is handed over.
            await().atMost(Duration.ofSeconds(5)).until(() -> AppRegistry.REGISTRY.find("chatroute.calls")
                    .tags("outcome", "completed").counter() != null);
            assertThat(AppRegistry.REGISTRY.get("chatroute.calls").tags("outcome", "completed").counter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void withoutARegistryBeanTheGatewayAnswersAndRecordsNothing() throws Exception {
        AppRegistry.REGISTRY.clear();
        try (WeldContainer cdi = weld(AppConfig.class).initialize()) {
            ask(cdi.select(Chatroute.class).get());
        }
        assertThat(AppRegistry.REGISTRY.getMeters()).isEmpty();
    }

    @Test
    void twoRegistryBeansAreNotGuessedBetween() throws Exception {
        AppRegistry.REGISTRY.clear();
        try (WeldContainer cdi = weld(AppConfig.class, AppRegistry.class, SecondRegistry.class).initialize()) {
            ask(cdi.select(Chatroute.class).get());
        }
        assertThat(AppRegistry.REGISTRY.find("chatroute.calls").counters()).isEmpty();
    }

    private static Weld weld(Class<?>... beans) {
        return new Weld().disableDiscovery().addBeanClass(ChatrouteBeans.class).addBeanClasses(beans);
    }

    private static void ask(Chatroute gateway) throws Exception {
        String text = gateway.chat(new ChatRequest(List.of(ChatMessage.user("Hello")), "default", false, 64, null,
                Map.of()), Identity.of("u")).get(10, TimeUnit.SECONDS).text();
        assertThat(text).isNotEmpty();
    }
}
