package dev.chatroute.servlet.internal;

import dev.chatroute.Chatroute;
import jakarta.servlet.ServletContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;

/**
 * The application's {@code Chatroute} CDI bean (the {@code jaxrs-resource} jar makes one), for a filter
 * that starts before CDI told that bean the application started: Payara initialises filters before it
 * fires {@code @Initialized(ApplicationScoped.class)}, so no gateway is published yet. Read by
 * reflection: this module needs no CDI API, and without CDI this finds nothing. While the bean is
 * asked, {@link #startingContext()} gives it the filter's servlet context, which no CDI event brought
 * it yet (Payara's CDI {@code ServletContext} bean works only inside a request).
 */
public final class CdiGateway {

    private static final ThreadLocal<ServletContext> STARTING = new ThreadLocal<>();

    private CdiGateway() {
    }

    /** The servlet context of the filter asking for the gateway on this thread, or null. */
    public static ServletContext startingContext() {
        return STARTING.get();
    }

    /** The bean, or null when no CDI container runs this application or it has no such bean. */
    public static Chatroute lookup(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        STARTING.set(context);
        try {
            Class<?> cdi = Class.forName("jakarta.enterprise.inject.spi.CDI", false, loader);
            Class<?> instance = Class.forName("jakarta.enterprise.inject.Instance", false, loader);
            Object current = cdi.getMethod("current").invoke(null);
            Object beans = cdi.getMethod("select", Class.class, Annotation[].class).invoke(current, Chatroute.class,
                    new Annotation[0]);
            if (!(Boolean) instance.getMethod("isResolvable").invoke(beans)) {
                return null;
            }
            return (Chatroute) instance.getMethod("get").invoke(beans);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | LinkageError e) {
            return null; // no CDI API here
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalStateException) {
                return null; // the API is here, but no container runs this application
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            STARTING.remove();
        }
    }
}
