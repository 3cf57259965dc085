package dev.chatroute.ledger;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource on an H2 database whose connections the test holds back ({@link #close()} the gate,
 * and whoever asks for one waits until it is {@link #open()}ed) or refuses ({@link #failing}), to
 * make the ledger's writer blocked or its database down, deterministically.
 */
public final class GatedDataSource implements DataSource {

    private final String url;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean failing;
    private final AtomicInteger waiting = new AtomicInteger();

    public GatedDataSource(String url) {
        this.url = url;
    }

    /** From now on, a connection is handed out only once the gate is opened. */
    public GatedDataSource close() {
        gate = new CountDownLatch(1);
        return this;
    }

    public GatedDataSource open() {
        gate.countDown();
        return this;
    }

    /** Whether getConnection fails as a database that is down does. */
    public GatedDataSource failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    /** How many threads wait at the gate now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        waiting.incrementAndGet();
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new SQLException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            // The interrupt is not restored, as drivers and pools often swallow it: the ledger must
            // still stop when close gives up waiting.
            throw new SQLException("interrupted at the gate", e);
        } finally {
            waiting.decrementAndGet();
        }
        if (failing) {
            throw new SQLException("Connection refused (the test's database is down)", "08001");
        }
        return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
