package dev.chatroute.internal.ledger;

import dev.chatroute.InvalidConfigException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds the ledger's database: a container's DataSource by JNDI name, or a HikariCP pool on the URL. */
final class LedgerDataSources {

    static final String HIKARI_CLASS = "com.zaxxer.hikari.HikariDataSource";

    /** @param pool what the ledger closes with itself; null for a container's DataSource */
    record Opened(DataSource dataSource, AutoCloseable pool) {
    }

    private LedgerDataSources() {
    }

    static Opened open(LedgerSettings settings, String poolName) {
        if (settings.datasource() != null) {
            return new Opened(lookup(settings.datasource()), null);
        }
        try {
            Class.forName(HIKARI_CLASS, false, LedgerDataSources.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidConfigException(LedgerSettings.URL, "needs HikariCP (com.zaxxer:HikariCP) on the class "
                    + "path to pool connections; add it, or name a container DataSource in " + LedgerSettings.DATASOURCE);
        }
        HikariPool pool = HikariPool.create(settings, poolName);
        return new Opened(pool.dataSource(), pool);
    }

    private static DataSource lookup(String name) {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new InvalidConfigException(LedgerSettings.DATASOURCE, "'" + name + "' was not found by JNDI ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!(found instanceof DataSource ds)) {
            throw new InvalidConfigException(LedgerSettings.DATASOURCE, "'" + name + "' is a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        }
        return ds;
    }
}
