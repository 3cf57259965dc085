package dev.chatroute.ledger;

import static dev.chatroute.ledger.LedgerGateway.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Health;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ledger on a container's DataSource (found by JNDI) whose database goes down and comes back:
 * calls go on, rows are dropped and counted, health says so, and nothing is left running after close.
 */
class LedgerOutageTest {

    private static final String NAME = "java:comp/env/jdbc/chatroute";

    private final String url = "jdbc:h2:mem:outage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final GatedDataSource database = new GatedDataSource(url);
    private LedgerGateway gateway;

    @BeforeEach
    void bind() {
        TestJndi.install();
        TestJndi.BOUND.put(NAME, database);
    }

    @AfterEach
    void close() {
        database.open();
        if (gateway != null) {
            gateway.close();
        }
        TestJndi.uninstall();
    }

    @Test
    void aDatabaseThatIsDownFailsNoCallItsRowsAreDroppedAndCountedAndRowsResumeWhenItIsBack() throws Exception {
        gateway = new LedgerGateway(List.of("chatroute.ledger=jdbc", "chatroute.ledger.datasource=" + NAME));
        gateway.ask("alice", "Hi", false);
        await().atMost(WAIT).until(() -> rows() == 1);
        assertThat(gateway.chatroute.health().ledger()).isEqualTo("up");

        database.failing(true);
        UsageRecord during = gateway.ask("bob", "Hi", true);

        assertThat(during.outcome()).isEqualTo(Outcome.COMPLETED);
        await().atMost(WAIT).until(() -> gateway.dropped() == 1);
        Health health = gateway.chatroute.health();
        assertThat(health.ledger()).isEqualTo("down");
        assertThat(health.usable()).isTrue();
        assertThat(health.toJson()).contains("\"ledger\":\"down\"");

        database.failing(false);
        gateway.ask("carol", "Hi", false);
        await().atMost(WAIT).until(() -> rows() == 2);
        assertThat(gateway.chatroute.health().ledger()).isEqualTo("up");
        assertThat(gateway.dropped()).isEqualTo(1);
    }

    @Test
    void aBlockedDatabaseNeverHoldsACallBack() {
        gateway = new LedgerGateway(List.of("chatroute.ledger=jdbc", "chatroute.ledger.datasource=" + NAME));
        database.close(); // the writer waits at the gate with whatever it took

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.ask("alice", "Hi " + i, i % 2 == 0).outcome()).isEqualTo(Outcome.COMPLETED);
        }

        await().atMost(WAIT).until(() -> database.waiting() == 1);
        database.open();
        await().atMost(WAIT).until(() -> rows() == 5);
    }

    @Test
    void closeFlushesTheQueueAndLeavesNoLedgerThreadBehind() throws Exception {
        gateway = new LedgerGateway(List.of("chatroute.ledger=jdbc", "chatroute.ledger.datasource=" + NAME));
        String threadPrefix = ledgerThreads().get(0);
        database.close();
        for (int i = 0; i < 3; i++) {
            gateway.ask("alice", "Hi " + i, false);
        }
        await().atMost(WAIT).until(() -> database.waiting() == 1);
        assertThat(rowsOrZero()).isZero();

        database.open();
        gateway.close();
        gateway = null;

        assertThat(rows()).isEqualTo(3);
        assertThat(ledgerThreads()).doesNotContain(threadPrefix);
    }

    @Test
    void aJndiNameThatFindsNothingFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new LedgerGateway(List.of("chatroute.ledger=jdbc",
                "chatroute.ledger.datasource=java:comp/env/jdbc/missing")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.ledger.datasource")
                .hasMessageContaining("java:comp/env/jdbc/missing");
    }

    @Test
    void withoutALedgerHealthSaysOffAndUsageIsRefused() {
        gateway = new LedgerGateway(List.of());

        assertThat(gateway.chatroute.health().ledger()).isEqualTo("off");
        assertThatThrownBy(() -> gateway.chatroute.usage(Instant.EPOCH, Instant.now()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chatroute.ledger=jdbc");
        assertThat(ledgerThreads()).isEmpty();
    }

    private static List<String> ledgerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.matches("chatroute-\\d+-ledger.*")).toList();
    }

    private long rowsOrZero() throws SQLException {
        try {
            return rows();
        } catch (SQLException e) {
            return 0;
        }
    }

    private long rows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM chatroute_usage")) {
            r.next();
            return r.getLong(1);
        }
    }
}
