package dev.chatroute.internal.ledger;

import dev.chatroute.UsageReport;
import dev.chatroute.spi.EventListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger: every call's row goes into a bounded queue (offered, never waited for) that ONE
 * writer thread of its own empties in JDBC batches. A full queue or a database that is down never
 * delays or fails a call: the rows it cannot take are dropped and counted ({@link #dropped()}),
 * and said so in the log at most once a minute. The writer also creates the table when missing and
 * purges rows older than the retention once a day, both on the injected clock.
 */
public final class Ledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    static final int QUEUE_CAPACITY = 10_000;
    static final int BATCH = 500;
    static final Duration DROP_LOG_EVERY = Duration.ofMinutes(1);
    static final Duration PURGE_EVERY = Duration.ofDays(1);
    /** How long the writer waits for a row before it looks at the clock (purge) and the database again. */
    static final Duration IDLE_WAKE = Duration.ofMillis(200);
    /** How often an idle writer checks that the database answers, for {@link #state()}. */
    static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final AutoCloseable pool; // what to close with the ledger: the HikariCP pool, or nothing (JNDI)
    private final LedgerSettings settings;
    private final Clock clock;
    private final BlockingQueue<LedgerRow> queue;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(Long.MIN_VALUE);
    private final Thread writer;
    private final Duration closeWait;
    private volatile boolean up;
    private boolean contacted; // writer thread only: whether it has tried the database yet
    private volatile boolean stopping;
    private volatile boolean abandoned; // close waited long enough: what is still queued is dropped
    private boolean tableReady; // writer thread only
    private Instant nextPurge;  // writer thread only
    private long lastContactNanos = System.nanoTime(); // writer thread only

    Ledger(DataSource dataSource, AutoCloseable pool, LedgerSettings settings, Clock clock, String threadName,
            int capacity) {
        this(dataSource, pool, settings, clock, threadName, capacity, CLOSE_WAIT);
    }

    Ledger(DataSource dataSource, AutoCloseable pool, LedgerSettings settings, Clock clock, String threadName,
            int capacity, Duration closeWait) {
        this.closeWait = closeWait;
        this.dataSource = dataSource;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.tableReady = !settings.createTable();
        this.writer = new Thread(this::run, threadName);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens the ledger {@code settings} configure (jdbc), with its writer thread {@code threadName}.
     *
     * @throws dev.chatroute.InvalidConfigException when the DataSource cannot be found or HikariCP is missing
     */
    public static Ledger open(LedgerSettings settings, Clock clock, String threadName) {
        LedgerDataSources.Opened opened = LedgerDataSources.open(settings, threadName + "-pool");
        return new Ledger(opened.dataSource(), opened.pool(), settings, clock, threadName, QUEUE_CAPACITY);
    }

    /** A listener for each call, which hands the call's row to this ledger when it ends. */
    public EventListener.Factory listeners() {
        return requestId -> new LedgerListener(this);
    }

    /** Registers {@code chatroute.ledger.dropped} on a Micrometer {@code MeterRegistry} (already checked). */
    public void registerMeter(Object registry) {
        LedgerMeter.register(registry, this);
    }

    /** Rows dropped so far: the queue was full, or the database refused or was down when they were written. */
    public long dropped() {
        return dropped.get();
    }

    /** Rows written so far. */
    public long written() {
        return written.get();
    }

    /** {@code up} when the database answered the writer last time, else {@code down}; never waits. */
    public String state() {
        return up ? "up" : "down";
    }

    /** Reads the rows of [from, to) and sums them: synchronous, for reports and dashboards, not for calls. */
    public UsageReport report(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            if (settings.createTable()) {
                // A report asked for before the writer first reached the database finds an empty table, not none.
                try {
                    LedgerSql.createTable(c);
                } catch (SQLException raced) {
                    LOG.debug("Usage ledger table not created by the report (the writer may have just done so)", raced);
                }
            }
            return UsageReports.compute(c, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException("The usage ledger could not be read: " + e.getMessage(), e);
        }
    }

    /** Called on each call's thread: offers the row, and never waits. */
    void offer(LedgerRow row) {
        if (stopping || !queue.offer(row)) {
            drop(1, stopping ? "the gateway is closing" : "the ledger's queue is full (" + capacity + " rows)");
        }
    }

    private void drop(int rows, String why) {
        long total = dropped.addAndGet(rows);
        long now = clock.millis();
        long last = lastDropLog.get();
        if ((last == Long.MIN_VALUE || now - last >= DROP_LOG_EVERY.toMillis()) && lastDropLog.compareAndSet(last, now)) {
            LOG.warn("Usage ledger dropped {} row(s), {} in all so far, because {}; the next drops are not logged "
                    + "for a minute (see chatroute.ledger.dropped)", rows, total, why);
        }
    }

    private void run() {
        List<LedgerRow> batch = new ArrayList<>(BATCH);
        while (true) {
            if (abandoned) {
                dropRemaining();
                return;
            }
            try {
                LedgerRow first = queue.poll(IDLE_WAKE.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
                } else if (stopping) {
                    return;
                } else {
                    idle();
                }
            } catch (InterruptedException e) {
                dropRemaining(); // only close interrupts, when it gave up waiting
                return;
            } catch (RuntimeException e) {
                LOG.error("Usage ledger writer failed; it carries on", e);
            }
        }
    }

    private void dropRemaining() {
        List<LedgerRow> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            drop(left.size(), "the gateway closed before they could be written");
        }
    }

    private void write(List<LedgerRow> batch) {
        try (Connection c = dataSource.getConnection()) {
            prepare(c);
            LedgerSql.insert(c, batch);
            written.addAndGet(batch.size());
            contact(true);
            purgeQuietly(c);
        } catch (SQLException | RuntimeException e) {
            contact(false, e.getMessage());
            drop(batch.size(), "the database refused them or is down (" + e.getMessage() + ")");
        }
    }

    /** A purge that fails is logged and tried again the next day; it does not undo the rows just written. */
    private void purgeQuietly(Connection c) {
        try {
            purgeIfDue(c);
        } catch (SQLException e) {
            LOG.warn("Usage ledger purge failed; it is tried again in a day: {}", e.getMessage());
        }
    }

    /** No row waiting: purge when due, and now and then check that the database answers. */
    private void idle() {
        boolean purgeDue = nextPurge == null || !clock.instant().isBefore(nextPurge);
        boolean probeDue = System.nanoTime() - lastContactNanos >= PROBE_EVERY.toNanos();
        if (!purgeDue && !probeDue) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            prepare(c);
            contact(c.isValid(2));
            purgeQuietly(c);
        } catch (SQLException e) {
            contact(false, e.getMessage());
        }
    }

    private void prepare(Connection c) throws SQLException {
        if (!tableReady) {
            LedgerSql.createTable(c);
            tableReady = true;
        }
    }

    private void purgeIfDue(Connection c) throws SQLException {
        Instant now = clock.instant();
        if (nextPurge != null && now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY); // first: a purge that fails waits a day too, not a batch
        int purged = LedgerSql.purge(c, now.minus(settings.retention()));
        if (purged > 0) {
            LOG.info("Usage ledger purged {} row(s) older than {}", purged, settings.retention());
        }
    }

    private void contact(boolean answered) {
        contact(answered, "it did not validate its connection");
    }

    private void contact(boolean answered, String why) {
        lastContactNanos = System.nanoTime();
        if (up != answered || !contacted) {
            if (answered && contacted) {
                LOG.info("Usage ledger database answers again");
            } else if (!answered) {
                LOG.warn("Usage ledger database does not answer ({}); rows are dropped until it does", why);
            }
        }
        contacted = true;
        up = answered;
    }

    /**
     * Writes what is queued, stops the writer, and closes the pool. It waits at most {@link #CLOSE_WAIT}
     * for the database; then the writer stops after the batch in hand (interrupted, if it waits for a
     * connection), and the rows still queued are dropped and counted.
     */
    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(closeWait.toMillis());
            if (writer.isAlive()) {
                // The database is slow or down: stop after the batch in hand, dropping (and counting) the rest.
                abandoned = true;
                writer.interrupt();
                writer.join(closeWait.toMillis());
            }
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
        }
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                LOG.warn("Usage ledger pool did not close cleanly", e);
            }
        }
    }
}
