package dev.chatroute.internal.ledger;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.config.Secret;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code chatroute.ledger.*} keys: off, or a JDBC database reached by URL (pooled by HikariCP)
 * or by a container's JNDI DataSource. Every failure names the key; the password is never shown.
 *
 * @param url null when {@code datasource} is set
 * @param password null when none is set
 */
public record LedgerSettings(boolean enabled, String url, String user, Secret password, String datasource,
                             boolean createTable, Duration retention) {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSettings.class);

    public static final String MODE = "chatroute.ledger";
    public static final String URL = "chatroute.ledger.jdbc.url";
    public static final String USER = "chatroute.ledger.jdbc.user";
    public static final String PASSWORD = "chatroute.ledger.jdbc.password";
    public static final String DATASOURCE = "chatroute.ledger.datasource";
    public static final String CREATE_TABLE = "chatroute.ledger.create-table";
    public static final String RETENTION = "chatroute.ledger.retention";
    static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

    /** Days too ({@code 400d}), which a retention is counted in; else as every other duration. */
    private static final Pattern DAYS = Pattern.compile("(\\d{1,9})\\s*d");

    public static final LedgerSettings OFF = new LedgerSettings(false, null, null, null, null, true, DEFAULT_RETENTION);

    public static LedgerSettings read(ConfigReader r) {
        boolean enabled = r.oneOf(MODE, "off", Set.of("off", "jdbc")).equals("jdbc");
        Duration retention = r.string(RETENTION).map(LedgerSettings::parseRetention).orElse(DEFAULT_RETENTION);
        boolean createTable = r.bool(CREATE_TABLE, true);
        Optional<String> url = r.string(URL).map(String::trim);
        Optional<String> user = r.string(USER);
        Optional<Secret> password = Secret.read(r, PASSWORD);
        Optional<String> datasource = r.string(DATASOURCE).map(String::trim);
        if (!enabled) {
            if (url.isPresent() || datasource.isPresent()) {
                // Said once at start-up: a database named but never written to looks like lost history later.
                LOG.warn("{} is off, so the database named by {} records nothing; set {}=jdbc to use it", MODE,
                        url.isPresent() ? URL : DATASOURCE, MODE);
            }
            return OFF;
        }
        if (url.isPresent() == datasource.isPresent()) {
            throw new InvalidConfigException(url.isPresent() ? DATASOURCE : URL, "chatroute.ledger=jdbc needs exactly "
                    + "one of " + URL + " (a JDBC URL, pooled by HikariCP) or " + DATASOURCE + " (a JNDI name)");
        }
        if (url.isPresent() && !url.get().startsWith("jdbc:")) {
            // Not echoed: a URL may carry a password of its own.
            throw new InvalidConfigException(URL, "is not a JDBC URL (it must begin with jdbc:); the value is not shown");
        }
        if (datasource.isPresent() && (user.isPresent() || password.isPresent())) {
            throw new InvalidConfigException(user.isPresent() ? USER : PASSWORD, "is for " + URL
                    + "; a DataSource from " + DATASOURCE + " brings its own credentials");
        }
        return new LedgerSettings(true, url.orElse(null), user.orElse(null), password.orElse(null),
                datasource.orElse(null), createTable, retention);
    }

    static Duration parseRetention(String text) {
        Matcher days = DAYS.matcher(text.trim().toLowerCase(Locale.ROOT));
        Duration d;
        try {
            d = days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : ConfigReader.parseDuration(RETENTION, text);
        } catch (InvalidConfigException e) {
            throw ConfigReader.bad(RETENTION, text, "is not a retention (write it as 400d, 30d or 12h)");
        }
        if (d.isZero()) {
            throw ConfigReader.bad(RETENTION, text, "must be longer than zero");
        }
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            throw ConfigReader.bad(RETENTION, text, "must be at least 1h (rows are purged once a day)");
        }
        return d;
    }
}
