package dev.chatroute.internal.metrics;

import dev.chatroute.spi.EventListener;
import java.util.Map;

/**
 * The door to metrics that names no Micrometer type, so that the gateway loads without Micrometer
 * on the class path: only an application that gives a registry loads {@link CallMeters}.
 */
public final class Metrics {

    static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private Metrics() {
    }

    /**
     * Checks that {@code registry} is a Micrometer {@code MeterRegistry}.
     *
     * @throws IllegalArgumentException when it is not, or Micrometer is not on the class path
     */
    public static void check(Object registry) {
        Class<?> type;
        try {
            type = Class.forName(REGISTRY_CLASS, false, Metrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("A meter registry was given, but Micrometer (io.micrometer:micrometer-core)"
                    + " is not on Chatroute's class path");
        }
        if (!type.isInstance(registry)) {
            throw new IllegalArgumentException("The meter registry must be an " + REGISTRY_CLASS + ", not a "
                    + registry.getClass().getName());
        }
    }

    /**
     * A listener factory that records every call on {@code registry} (already {@link #check checked}).
     *
     * @param profiles each configured provider's profile, by provider name (for {@code gen_ai.provider.name})
     */
    public static EventListener.Factory factory(Object registry, Map<String, String> profiles) {
        return CallMeters.factory(registry, GenAiProviders.of(profiles));
    }
}
