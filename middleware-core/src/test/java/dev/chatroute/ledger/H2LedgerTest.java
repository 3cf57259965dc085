package dev.chatroute.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The ledger contract on H2, in memory. */
class H2LedgerTest extends LedgerContract {

    private final String url = "jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected List<String> ledgerSettings() {
        return List.of("chatroute.ledger=jdbc", "chatroute.ledger.jdbc.url=" + url);
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
