package dev.chatroute.jaxrs.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.jaxrs.internal.Gateways;
import dev.chatroute.servlet.internal.CdiGateway;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A route that asks CDI for the gateway before any {@code @Initialized} servlet context reached the
 * bean (Payara starts filters first; Weld SE never sends one) hands over its own servlet context, so
 * the gateway still reads the context-params. In a real Weld container.
 */
class CdiContextParamsTest {

    /** The application gives a configuration bean, so the gateway is built from CDI. */
    static class AppConfig {
        @Produces
        ChatrouteConfig config() {
            return ChatrouteConfig.builder().environment(name -> null).build();
        }
    }

    @Test
    void aGatewayFirstAskedForByARouteReadsThatRoutesContextParams() {
        ServletContext context = contextWith(Map.of("chatroute.path", "/from-context/chat"));
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(ChatrouteBeans.class, AppConfig.class)
                .initialize()) {
            Chatroute gateway = Gateways.find(context);

            assertThat(gateway).isNotNull();
            assertThat(gateway.path()).as("the context-param's path").isEqualTo("/from-context/chat");
            assertThat(cdi.select(Chatroute.class).get().path()).as("the one gateway").isEqualTo("/from-context/chat");
            assertThat(CdiGateway.startingContext()).as("handed over only while asking").isNull();
        }
    }

    /** The part of a servlet context the gateway reads: context-params, no attributes, the test's loader. */
    private static ServletContext contextWith(Map<String, String> params) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameterNames" -> Collections.enumeration(params.keySet());
                    case "getInitParameter" -> params.get((String) args[0]);
                    case "getClassLoader" -> CdiContextParamsTest.class.getClassLoader();
                    case "getAttribute", "getResourceAsStream" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test servlet context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
