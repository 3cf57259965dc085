package dev.chatroute.jaxrs.internal;

import dev.chatroute.Chatroute;
import dev.chatroute.jaxrs.internal.cdi.CdiGateway;
import jakarta.servlet.ServletContext;

/**
 * Finds the application's shared gateway for the parts of the route registered by class: the
 * servlet context attribute that {@code ChatrouteListener} (or the CDI integration) published, or
 * else the {@link Chatroute} bean where CDI runs.
 */
public final class Gateways {

    /** The servlet context attribute holding the shared gateway. */
    public static final String ATTRIBUTE = Chatroute.class.getName();

    private Gateways() {
    }

    /** The shared gateway, or null when there is none. */
    public static Chatroute find(ServletContext context) {
        if (context != null && context.getAttribute(ATTRIBUTE) instanceof Chatroute published) {
            return published;
        }
        if (!OptionalApis.present(OptionalApis.CDI, Gateways.class.getClassLoader())) {
            return null;
        }
        // With the servlet context, which the bean reads context-params from if no CDI event brought it yet.
        return context != null ? dev.chatroute.servlet.internal.CdiGateway.lookup(context) : CdiGateway.lookup();
    }

    /** The shared gateway; fails, saying how to make one, when there is none. */
    public static Chatroute shared(ServletContext context) {
        Chatroute gateway = find(context);
        if (gateway == null) {
            throw new IllegalStateException("no Chatroute gateway in this application: declare "
                    + "dev.chatroute.servlet.ChatrouteListener in web.xml, or run CDI with the jaxrs-resource jar");
        }
        return gateway;
    }
}
