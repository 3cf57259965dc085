package dev.chatroute.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ledger's pool is told its driver's class, found on the app's class loader rather than through DriverManager. */
class JdbcDriversTest {

    private final ClassLoader app = getClass().getClassLoader();

    @Test
    void findsTheDriverThatAcceptsTheUrl() {
        assertThat(JdbcDrivers.forUrl("jdbc:h2:mem:ledger", null, app)).isEqualTo("org.h2.Driver");
        assertThat(JdbcDrivers.forUrl("jdbc:postgresql://localhost:5432/app", app)).isEqualTo("org.postgresql.Driver");
    }

    @Test
    void aUrlNoDriverTakesFindsNone() {
        assertThat(JdbcDrivers.forUrl("jdbc:nosuchdatabase:x", app)).isNull();
    }
}
