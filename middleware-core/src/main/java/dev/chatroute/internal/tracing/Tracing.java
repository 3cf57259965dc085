package dev.chatroute.internal.tracing;

import dev.chatroute.internal.metrics.GenAiProviders;
import dev.chatroute.spi.EventListener;
import java.util.Map;

/**
 * The door to traces that names no OpenTelemetry type, so that the gateway loads without the API on
 * the class path: only when it is there is {@link CallTracer} loaded.
 */
public final class Tracing {

    static final String API_CLASS = "io.opentelemetry.api.OpenTelemetry";
    /** Its {@code getOrNoop()}, which every call reads, is what older APIs lack (Payara 6 ships one). */
    private static final String GLOBAL_CLASS = "io.opentelemetry.api.GlobalOpenTelemetry";

    private Tracing() {
    }

    /**
     * Whether the OpenTelemetry API ({@code io.opentelemetry:opentelemetry-api}) is on Chatroute's class
     * path, in a version Chatroute can call: a server's older copy, loaded before the WAR's, means no traces
     * rather than a failing call.
     */
    public static boolean available() {
        return type() != null;
    }

    /**
     * Checks that {@code openTelemetry} is an {@code io.opentelemetry.api.OpenTelemetry}.
     *
     * @throws IllegalArgumentException when it is not, or the API is not on the class path
     */
    public static void check(Object openTelemetry) {
        Class<?> type = type();
        if (type == null) {
            throw new IllegalArgumentException("An OpenTelemetry was given, but the OpenTelemetry API "
                    + "(io.opentelemetry:opentelemetry-api) is not on Chatroute's class path");
        }
        if (!type.isInstance(openTelemetry)) {
            throw new IllegalArgumentException("The OpenTelemetry must be an " + API_CLASS + ", not a "
                    + openTelemetry.getClass().getName());
        }
    }

    /**
     * A listener factory that traces every call that reaches a provider.
     *
     * @param openTelemetry a {@link #check checked} OpenTelemetry, or null for the global one (read per
     *     call, so an application may set it after the gateway started); only when {@link #available()}
     * @param profiles each configured provider's profile, by provider name (for {@code gen_ai.provider.name})
     */
    public static EventListener.Factory factory(Object openTelemetry, Map<String, String> profiles) {
        return CallTracer.factory(openTelemetry, GenAiProviders.of(profiles));
    }

    private static Class<?> type() {
        try {
            Class.forName(GLOBAL_CLASS, false, Tracing.class.getClassLoader()).getMethod("getOrNoop");
            return Class.forName(API_CLASS, false, Tracing.class.getClassLoader());
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
