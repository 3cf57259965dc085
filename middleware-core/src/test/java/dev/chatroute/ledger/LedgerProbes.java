package dev.chatroute.ledger;

import org.h2.jdbcx.JdbcDataSource;

/** For probes in other packages: a JNDI-bound H2 DataSource, as a container would offer one. */
public final class LedgerProbes {

    private LedgerProbes() {
    }

    public static void bindH2(String name, String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        TestJndi.install();
        TestJndi.BOUND.put(name, ds);
    }

    public static void unbind() {
        TestJndi.uninstall();
    }
}
