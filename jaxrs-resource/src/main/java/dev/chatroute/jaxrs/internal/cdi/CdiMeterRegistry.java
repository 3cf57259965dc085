package dev.chatroute.jaxrs.internal.cdi;

import dev.chatroute.jaxrs.internal.OptionalApis;
import jakarta.enterprise.inject.Instance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the application's Micrometer {@code MeterRegistry} bean, for the gateway to record its
 * metrics on. Names no Micrometer type: the registry's class is looked up by name, and only when
 * Micrometer is visible to Chatroute, so an application without Micrometer deploys as before.
 */
final class CdiMeterRegistry {

    static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(CdiMeterRegistry.class);

    private CdiMeterRegistry() {
    }

    /** The one {@code MeterRegistry} bean (default qualifier), or null when there is none, or several. */
    static Object find(Instance<Object> beans) {
        ClassLoader loader = CdiMeterRegistry.class.getClassLoader();
        if (!OptionalApis.present(REGISTRY_CLASS, loader)) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(REGISTRY_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        Instance<?> registries = beans.select(type);
        if (registries.isAmbiguous()) {
            LOG.warn("Chatroute: more than one MeterRegistry bean, so Chatroute records no metrics; produce one "
                    + "(a CompositeMeterRegistry, say) to have them");
            return null;
        }
        return registries.isResolvable() ? registries.get() : null;
    }
}
