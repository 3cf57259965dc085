package dev.chatroute.servlet;

import dev.chatroute.Chatroute;
import dev.chatroute.servlet.internal.ServletParams;
import dev.chatroute.servlet.internal.SharedThreads;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

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

    /** The gateway this listener made; one published by someone else (CDI) is theirs to close. */
    private Chatroute created;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(ATTRIBUTE) == null) {
            created = Chatroute.create(ServletParams.config(context, ServletParams.of(context)));
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

    /** The gateway a {@link ChatrouteListener} published in this context, or null. */
    public static Chatroute gateway(ServletContext context) {
        Object gateway = context.getAttribute(ATTRIBUTE);
        return gateway instanceof Chatroute chatroute ? chatroute : null;
    }
}
