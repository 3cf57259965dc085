package dev.chatroute.jaxrs.internal.cdi;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.jaxrs.internal.Gateways;
import dev.chatroute.jaxrs.internal.SseWriters;
import dev.chatroute.servlet.internal.CdiGateway;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.EventListener;
import dev.chatroute.spi.IdentityResolver;
import dev.chatroute.spi.UsageListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where CDI runs, builds the application's one {@link Chatroute} from its beans: every
 * {@link ChatProvider}, {@link UsageListener} and {@link EventListener} bean (any qualifier; an event
 * listener bean is shared by every call, so it must be thread-safe), the {@link IdentityResolver}
 * bean and a {@link ChatrouteConfig} bean if there is one, over the usual configuration sources
 * (see {@link CdiSettings}), and, where Micrometer is on the class path, the Micrometer
 * {@code MeterRegistry} bean if there is exactly one, to record metrics on. The gateway is a bean itself, for application code to {@code @Inject},
 * and is published as the servlet context attribute that the servlet filter and the JAX-RS feature
 * read, so every route and every direct call share one set of limits and usage records.
 *
 * <p>It is built when the application starts, so a bad setting fails the deployment, and closed
 * when it stops, if the application gives Chatroute any bean; otherwise on first use, since a
 * {@code ChatrouteListener} declared in web.xml may start after CDI (WildFly starts CDI first) and
 * a second gateway must not be made beside it. If a {@code ChatrouteListener} published a gateway
 * first, that one is used as is.
 */
@ApplicationScoped
public class ChatrouteBeans {

    /** The servlet context attribute holding the gateway; the same name {@code ChatrouteListener} uses. */
    static final String ATTRIBUTE = Gateways.ATTRIBUTE;

    private static final Logger LOG = LoggerFactory.getLogger(ChatrouteBeans.class);

    @Inject @Any Instance<ChatProvider> providers;
    @Inject @Any Instance<UsageListener> usageListeners;
    @Inject @Any Instance<EventListener> eventListeners;
    @Inject Instance<IdentityResolver> identityResolvers;
    @Inject Instance<ChatrouteConfig> configs;
    @Inject Instance<Object> beans; // looked through for a MeterRegistry by name (CdiMeterRegistry)

    private ServletContext servletContext;
    private Chatroute gateway;
    private boolean owned;
    private boolean released;

    /** The gateway, for {@code @Inject Chatroute}; one instance for the whole application. */
    @Produces
    @Typed(Chatroute.class)
    Chatroute chatroute() {
        return gateway();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        synchronized (this) {
            servletContext = context;
        }
        if (context.getAttribute(ATTRIBUTE) == null && !givenBeans()) {
            return; // a web.xml application (recipe 1): its ChatrouteListener makes the gateway
        }
        Chatroute started = gateway();
        if (context.getAttribute(ATTRIBUTE) == null) {
            context.setAttribute(ATTRIBUTE, started);
        }
    }

    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) ServletContext context) {
        Chatroute stopping;
        synchronized (this) {
            stopping = gateway;
        }
        if (stopping != null && context.getAttribute(ATTRIBUTE) == stopping) {
            context.removeAttribute(ATTRIBUTE);
        }
        close();
    }

    /** Also where no {@code @BeforeDestroyed} event comes: Payara destroys the bean without one. */
    @PreDestroy
    synchronized void close() {
        if (gateway != null && owned) {
            gateway.close();
        }
        gateway = null;
        owned = false;
        if (!released) {
            released = true;
            // Payara announces no start or stop to this bean: the undeploying thread's loader is the
            // application's there (never the system class loader, which outside a container is everyone's).
            // A servlet context that a filter handed over gives no loader once stopped (Payara): then that too.
            ClassLoader undeploying = Thread.currentThread().getContextClassLoader();
            ClassLoader application = servletContext != null ? servletContext.getClassLoader() : null;
            releaseSharedThreads(application != null ? application
                    : undeploying != ClassLoader.getSystemClassLoader() ? undeploying : null);
        }
    }

    /** Once this application's own copy of Chatroute (its jars in WEB-INF/lib) is going away. */
    private static void releaseSharedThreads(ClassLoader application) {
        if (application != null && Chatroute.class.getClassLoader() == application) {
            Chatroute.releaseSharedThreads();
        }
        if (application != null && SseWriters.class.getClassLoader() == application) {
            SseWriters.release(); // the gateway ended its streams: no writer is needed any more
        }
    }

    private synchronized Chatroute gateway() {
        if (gateway == null) {
            if (servletContext == null) {
                servletContext = CdiGateway.startingContext(); // a filter asks first (Payara): its context-params count
            }
            Object published = servletContext == null ? null : servletContext.getAttribute(ATTRIBUTE);
            if (published instanceof Chatroute given) {
                warnIfBeansAreIgnored();
                gateway = given;
            } else {
                gateway = build();
                owned = true;
            }
        }
        return gateway;
    }

    private Chatroute build() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ChatrouteConfig config = CdiSettings.read(servletContext, loader != null ? loader : getClass().getClassLoader());
        if (configs.isAmbiguous()) {
            throw new InvalidConfigException("chatroute", "more than one ChatrouteConfig bean; produce exactly one");
        }
        if (configs.isResolvable()) {
            config = config.with(configs.get().asMap());
        }
        Chatroute.Builder builder = Chatroute.builder().config(config);
        List<String> names = new ArrayList<>();
        for (ChatProvider provider : providers) {
            builder.provider(provider);
            names.add(provider.name());
        }
        int listeners = 0;
        for (UsageListener listener : usageListeners) {
            builder.usageListener(listener);
            listeners++;
        }
        for (EventListener listener : eventListeners) {
            builder.eventListener(listener);
            listeners++;
        }
        if (identityResolvers.isAmbiguous()) {
            throw new InvalidConfigException("chatroute.identity", "more than one IdentityResolver bean; produce exactly one");
        }
        if (identityResolvers.isResolvable()) {
            builder.identityResolver(identityResolvers.get());
        }
        Object registry = CdiMeterRegistry.find(beans);
        if (registry != null) {
            builder.meterRegistry(registry);
        }
        LOG.info("Chatroute configured through CDI: provider beans {}, {} usage and event listener bean(s), {} identity "
                + "resolver, {}", names, listeners, identityResolvers.isResolvable() ? "an" : "the configured",
                registry != null ? "metrics on the MeterRegistry bean" : "no MeterRegistry bean");
        return builder.build();
    }

    /** Whether the application gives Chatroute any bean: a configuration, provider, listener or identity resolver. */
    private boolean givenBeans() {
        return !providers.isUnsatisfied() || !usageListeners.isUnsatisfied() || !eventListeners.isUnsatisfied()
                || !identityResolvers.isUnsatisfied() || !configs.isUnsatisfied();
    }

    private void warnIfBeansAreIgnored() {
        if (givenBeans()) {
            LOG.warn("Chatroute: a ChatrouteListener made the gateway before CDI started, so the application's "
                    + "Chatroute beans are ignored; remove ChatrouteListener from web.xml to configure through CDI");
        }
    }
}
