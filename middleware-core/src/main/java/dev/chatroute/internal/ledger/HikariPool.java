package dev.chatroute.internal.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatroute.InvalidConfigException;
import javax.sql.DataSource;

/**
 * The ledger's HikariCP pool. Only {@link LedgerDataSources} names this class, after checking that
 * HikariCP is present, so a gateway without it (ledger off, or a JNDI DataSource) never loads it.
 */
final class HikariPool implements AutoCloseable {

    /** The writer and a report or two: more would only hold connections the database could give others. */
    static final int MAX_CONNECTIONS = 3;
    static final long CONNECT_TIMEOUT_MS = 3_000;

    private final HikariDataSource dataSource;

    private HikariPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static HikariPool create(LedgerSettings settings, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.url());
        String driver = JdbcDrivers.forUrl(settings.url(), Thread.currentThread().getContextClassLoader(),
                HikariPool.class.getClassLoader());
        if (driver != null) {
            config.setDriverClassName(driver);
        }
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password().reveal());
        }
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setValidationTimeout(2_000);
        // A database that is down at start-up must not stop the gateway: the writer connects later.
        config.setInitializationFailTimeout(-1);
        try {
            return new HikariPool(new HikariDataSource(config));
        } catch (RuntimeException e) {
            // Hikari's message quotes the URL, which may hold a password: name the key, not the value.
            throw new InvalidConfigException(LedgerSettings.URL, "HikariCP cannot use it (" + e.getClass().getSimpleName()
                    + "; is the JDBC driver on the class path?); the value is not shown");
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
