package dev.chatroute.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.WithoutJars;
import org.junit.jupiter.api.Test;

/** HikariCP and Micrometer are optional: a ledger on a container's DataSource needs neither. */
class LedgerClassLoadingTest {

    @Test
    void withoutHikariAndMicrometerAJndiLedgerRecordsAndAUrlIsRefusedNamingTheKey() throws Exception {
        String result = WithoutJars.run(WithoutPoolProbe.class, "com/zaxxer/hikari/HikariDataSource.class",
                "HikariCP", "micrometer");

        assertThat(result).isEqualTo("1 call in the ledger; URL refused: chatroute.ledger.jdbc.url: needs HikariCP "
                + "(com.zaxxer:HikariCP) on the class path to pool connections; add it, or name a container "
                + "DataSource in chatroute.ledger.datasource");
    }
}
