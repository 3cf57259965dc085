package dev.chatroute.servlet.internal;

import dev.chatroute.Chatroute;
import jakarta.servlet.ServletContext;

/**
 * At undeploy, stops the threads Chatroute's libraries keep per class loader, but only when
 * Chatroute was loaded by this web application's own class loader (its jars in WEB-INF/lib): then
 * that class loader is being discarded. Jars shared by several applications are left alone.
 */
public final class SharedThreads {

    private SharedThreads() {
    }

    public static void releaseIfBundledIn(ServletContext context) {
        if (Chatroute.class.getClassLoader() == context.getClassLoader()) {
            Chatroute.releaseSharedThreads();
        }
    }
}
