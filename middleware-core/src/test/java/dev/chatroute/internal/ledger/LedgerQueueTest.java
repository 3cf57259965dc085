package dev.chatroute.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.ledger.GatedDataSource;
import dev.chatroute.testing.LogCapture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's queue and writer, with a database the test holds back: a full queue drops and counts
 * rows without ever waiting, says so at most once a minute on the injected clock, and close writes
 * what is queued before it stops the writer.
 */
class LedgerQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final GatedDataSource database =
            new GatedDataSource("jdbc:h2:mem:queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private Ledger ledger;

    @AfterEach
    void close() {
        database.open();
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aFullQueueDropsAndCountsRowsAndNeverWaitsForTheWriter() {
        ledger = blockedLedger(2);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 5; i++) {
                ledger.offer(row("r" + i));
            }
        });

        assertThat(ledger.dropped()).isEqualTo(3);
        assertThat(ledger.written()).isZero();
        database.open();
        await().atMost(WAIT).until(() -> ledger.written() == 2);
        assertThat(ledger.dropped()).isEqualTo(3);
    }

    @Test
    void droppedRowsAreLoggedAtMostOnceAMinuteOnTheInjectedClock() {
        ledger = blockedLedger(1);
        ledger.offer(row("queued"));
        try (LogCapture logs = LogCapture.install()) {
            for (int i = 0; i < 3; i++) {
                ledger.offer(row("dropped" + i));
            }
            assertThat(drops(logs)).isEqualTo(1);

            now.set(START.plusSeconds(59));
            ledger.offer(row("dropped-again"));
            assertThat(drops(logs)).isEqualTo(1);

            now.set(START.plusSeconds(61));
            ledger.offer(row("dropped-a-minute-later"));
            assertThat(drops(logs)).isEqualTo(2);
            assertThat(logs.all()).contains("5 in all");
        }
        assertThat(ledger.dropped()).isEqualTo(5);
    }

    @Test
    void closeWritesWhatIsQueuedThenStopsTheWriter() {
        ledger = blockedLedger(100);
        for (int i = 0; i < 3; i++) {
            ledger.offer(row("r" + i));
        }
        assertThat(ledger.written()).isZero();

        database.open();
        ledger.close();

        assertThat(ledger.written()).isEqualTo(3);
        assertThat(ledger.dropped()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("chatroute-test-ledger");
    }

    @Test
    void closeWaitsBoundedlyForADatabaseThatDoesNotAnswerThenDropsAndCountsTheRestAndStopsTheWriter() {
        database.close();
        ledger = new Ledger(database, null, settings(), clock, "chatroute-test-ledger", 100, Duration.ofMillis(300));
        await().atMost(WAIT).until(() -> database.waiting() == 1);
        for (int i = 0; i < 3; i++) {
            ledger.offer(row("r" + i));
        }

        assertTimeoutPreemptively(Duration.ofSeconds(5), ledger::close);

        assertThat(ledger.dropped()).isEqualTo(3);
        assertThat(ledger.written()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("chatroute-test-ledger");
    }

    @Test
    void aRowOfferedAfterCloseIsDroppedNotLost() {
        ledger = new Ledger(database, null, settings(), clock, "chatroute-test-ledger", 10);
        ledger.close();

        ledger.offer(row("late"));

        assertThat(ledger.dropped()).isEqualTo(1);
    }

    /** A ledger whose writer waits at the database's gate, so nothing leaves the queue. */
    private Ledger blockedLedger(int capacity) {
        database.close();
        Ledger blocked = new Ledger(database, null, settings(), clock, "chatroute-test-ledger", capacity);
        await().atMost(WAIT).until(() -> database.waiting() == 1); // the writer's first look at the database
        return blocked;
    }

    private static long drops(LogCapture logs) {
        return logs.lines().stream().filter(l -> l.contains("Usage ledger dropped")).count();
    }

    private static LedgerSettings settings() {
        return new LedgerSettings(true, "jdbc:h2:mem:unused", null, null, null, true, Duration.ofDays(400));
    }

    private LedgerRow row(String requestId) {
        return new LedgerRow(new UsageRecord(requestId, "alice", "default", "a", "m1", false, Outcome.COMPLETED, 200,
                null, new Usage(10, 5), false, now.get(), Duration.ofMillis(30), Duration.ofMillis(10), 0, false,
                Map.of(), Map.of(), new BigDecimal("0.000020000000"), false), 1, 0);
    }
}
