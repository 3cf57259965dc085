package dev.chatroute.ledger;

import static dev.chatroute.ledger.LedgerGateway.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Outcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger contract on a real PostgreSQL server, and that server going away mid-run. */
class PostgresLedgerTest extends LedgerContract {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected List<String> ledgerSettings() {
        return List.of("chatroute.ledger=jdbc", "chatroute.ledger.jdbc.url=" + server.jdbcUrl(),
                "chatroute.ledger.jdbc.user=postgres", "chatroute.ledger.jdbc.password=pg-ledger-SECRET-7");
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
    }

    @Test
    void theServerGoingAwayFailsNoCallDropsAreCountedAndRowsResumeWhenItIsBack() throws Exception {
        start();
        gateway.ask("alice", "Hi", false);
        awaitRows(1);
        await().atMost(WAIT).until(() -> gateway.chatroute.health().ledger().equals("up"));

        server.stopImmediately();
        try {
            assertThat(gateway.ask("bob", "Hi", true).outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(gateway.ask("carol", "Hi", false).outcome()).isEqualTo(Outcome.COMPLETED);
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.dropped() == 2);
            assertThat(gateway.chatroute.health().ledger()).isEqualTo("down");
            assertThat(gateway.chatroute.health().usable()).isTrue();
        } finally {
            server.start();
        }

        gateway.ask("dave", "Hi", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> count() == 2);
        assertThat(gateway.chatroute.health().ledger()).isEqualTo("up");
        assertThat(gateway.dropped()).isEqualTo(2);
    }
}
