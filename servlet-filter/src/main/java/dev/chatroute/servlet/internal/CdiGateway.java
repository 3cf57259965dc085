package dev.chatroute.servlet.internal;

import dev.chatroute.Chatroute;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;

/**
 * The application's {@code Chatroute} CDI bean (the {@code jaxrs-resource} jar makes one), for a filter
 * that starts before CDI told that bean the application started: Payara initialises filters before it
 * fires {@code @Initialized(ApplicationScoped.class)}, so no gateway is published yet. Read by
 * reflection: this module needs no CDI API, and without CDI this finds nothing.
 */
public final class CdiGateway {

    private CdiGateway() {
    }

    /** The bean, or null when no CDI container runs this application or it has no such bean. */
    public static Chatroute lookup(ClassLoader loader) {
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
        }
    }
}
