package dev.chatroute.servlet;

import dev.chatroute.Chatroute;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.servlet.internal.ServletHttpCall;
import dev.chatroute.servlet.internal.ServletParams;
import dev.chatroute.servlet.internal.SharedThreads;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Creates the application's one {@link Chatroute} at start-up from the application's defaults
 * ({@code chatroute.defaults}), the file named by {@code chatroute.config} / {@code CHATROUTE_CONFIG},
 * the context-params and system properties, and closes it
 * at shutdown. The gateway is published as the context attribute {@link #ATTRIBUTE}, where the
 * filter (and the app's JAX-RS {@code Application}) find it, so both routes share one set of
 * limits. A bad setting fails the deployment with a message naming the key. When a gateway is
 * already published (the CDI integration of {@code jaxrs-resource} does that), the listener uses
 * it and leaves closing it to whoever made it.
 */
public class ChatrouteListener implements ServletContextListener {

    /** The servlet context attribute that holds the shared gateway. */
    public static final String ATTRIBUTE = Chatroute.class.getName();

    /**
     * A context attribute for a Micrometer {@code MeterRegistry} the gateway records its metrics on
     * ({@link Chatroute.Builder#meterRegistry}): a listener declared before this one sets it (the
     * sample's sets a Prometheus registry). Unset, the gateway records none; this module itself
     * never needs Micrometer.
     */
    public static final String METER_REGISTRY = ATTRIBUTE + ".meterRegistry";

    /** The gateway this listener made; one published by someone else (CDI) is theirs to close. */
    private Chatroute created;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(ATTRIBUTE) == null) {
            Chatroute.Builder builder = Chatroute.builder().config(ServletParams.config(context, ServletParams.of(context)));
            Object registry = context.getAttribute(METER_REGISTRY);
            if (registry != null) {
                builder.meterRegistry(registry);
            }
            created = builder.build();
            context.setAttribute(ATTRIBUTE, created);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (created != null) {
            if (context.getAttribute(ATTRIBUTE) == created) {
                context.removeAttribute(ATTRIBUTE);
            }
            created.close();
            created = null;
        }
        SharedThreads.releaseIfBundledIn(context);
    }

    /**
     * A plain servlet request as the core sees it, for the gateway's checks of other pages
     * ({@link Chatroute#guard}, {@link Chatroute#mayReadUsage}, {@link Chatroute#mayScrapeMetrics}).
     */
    public static HttpCall httpCall(HttpServletRequest request) {
        return new ServletHttpCall(request);
    }

    /** The gateway a {@link ChatrouteListener} published in this context, or null. */
    public static Chatroute gateway(ServletContext context) {
        Object gateway = context.getAttribute(ATTRIBUTE);
        return gateway instanceof Chatroute chatroute ? chatroute : null;
    }
}
