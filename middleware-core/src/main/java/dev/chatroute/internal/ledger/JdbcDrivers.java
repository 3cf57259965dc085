package dev.chatroute.internal.ledger;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the JDBC driver for a URL among the drivers the application ships. {@code DriverManager}
 * alone does not: a container that set JDBC up before the application (Tomcat does) never sees the
 * drivers in its {@code WEB-INF/lib}, and the pool would fail with "no suitable driver".
 */
final class JdbcDrivers {

    private JdbcDrivers() {
    }

    /** The class name of a driver that accepts {@code url}, looked for on these class loaders in order; else null. */
    static String forUrl(String url, ClassLoader... loaders) {
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
            while (true) {
                try {
                    if (!drivers.hasNext()) {
                        break;
                    }
                    Driver driver = drivers.next();
                    if (driver.acceptsURL(url)) {
                        return driver.getClass().getName();
                    }
                } catch (ServiceConfigurationError | SQLException | RuntimeException broken) {
                    // A driver that cannot load or judge the URL is not the one; look at the next.
                }
            }
        }
        return null;
    }
}
