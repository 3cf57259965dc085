package dev.chatroute.jaxrs.internal.cdi;

import dev.chatroute.Chatroute;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Looks up the gateway bean of the running CDI container. Call it only after
 * {@code OptionalApis.present(OptionalApis.CDI, ...)}: this class is the only one outside CDI's
 * own reach that touches CDI types.
 */
public final class CdiGateway {

    private CdiGateway() {
    }

    /** The application's {@link Chatroute} bean, or null when no container runs the application. */
    public static Chatroute lookup() {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException e) {
            return null; // the API is on the class path, but no container runs this application
        }
        Instance<Chatroute> gateway = cdi.select(Chatroute.class);
        return gateway.isResolvable() ? gateway.get() : null;
    }
}
