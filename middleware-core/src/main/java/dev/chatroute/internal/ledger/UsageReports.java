package dev.chatroute.internal.ledger;

import dev.chatroute.UsageReport;
import dev.chatroute.UsageReport.DayUsage;
import dev.chatroute.UsageReport.ModelUsage;
import dev.chatroute.UsageReport.Monitoring;
import dev.chatroute.UsageReport.Totals;
import dev.chatroute.UsageReport.UserUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link UsageReport} from {@code chatroute_usage}: sums by GROUP BY in the database
 * (portable SQL: no date functions, the UTC day is a column), the median and outliers in Java.
 */
final class UsageReports {

    static final int SCALE = 12;
    private static final BigDecimal OUTLIER_FACTOR = BigDecimal.valueOf(5);
    private static final String PERIOD = " FROM chatroute_usage WHERE started_at >= ? AND started_at < ?";
    private static final String SUMS = "COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
            + "COALESCE(SUM(cost_usd), 0)";

    /** Rows without a user, model or provider (refused early) sort last. */
    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private UsageReports() {
    }

    static UsageReport compute(Connection c, Instant from, Instant to) throws SQLException {
        Totals totals;
        Monitoring monitoring;
        try (PreparedStatement s = period(c, "SELECT " + SUMS + ", "
                + "COALESCE(SUM(CASE WHEN outcome = 'COMPLETED' THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(attempts), 0), COALESCE(SUM(upstream_429), 0), "
                + "COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN attempts > 0 AND fallback THEN 1 ELSE 0 END), 0)" + PERIOD, from, to);
             ResultSet r = s.executeQuery()) {
            r.next();
            long successful = r.getLong(5);
            BigDecimal cost = money(r.getBigDecimal(4));
            long attempts = r.getLong(6);
            long reached = r.getLong(8);
            totals = new Totals(r.getLong(1), successful, r.getLong(2), r.getLong(3), cost, refusals(c, from, to));
            monitoring = new Monitoring(ratio(r.getLong(7), attempts), ratio(attempts, reached),
                    ratio(r.getLong(9), reached),
                    successful == 0 ? money(BigDecimal.ZERO)
                            : cost.divide(BigDecimal.valueOf(successful), SCALE, RoundingMode.HALF_EVEN));
        }
        return new UsageReport(from, to, totals, users(c, from, to), models(c, from, to), days(c, from, to), monitoring);
    }

    private static Map<String, Long> refusals(Connection c, Instant from, Instant to) throws SQLException {
        Map<String, Long> byCode = new LinkedHashMap<>();
        try (PreparedStatement s = period(c, "SELECT error_code, COUNT(*)" + PERIOD
                + " AND outcome IN ('REFUSED', 'FAILED') AND error_code IS NOT NULL GROUP BY error_code", from, to);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                byCode.put(r.getString(1), r.getLong(2));
            }
        }
        return byCode;
    }

    private static List<UserUsage> users(Connection c, Instant from, Instant to) throws SQLException {
        List<UserUsage> users = rows(c, "SELECT user_name, " + SUMS + PERIOD + " GROUP BY user_name", from, to,
                r -> new UserUsage(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4),
                        money(r.getBigDecimal(5)), false));
        // Calls refused before anyone was identified have no user: listed, but no user to take the median of.
        BigDecimal threshold = median(users.stream().filter(u -> u.user() != null).map(UserUsage::costUsd).toList())
                .multiply(OUTLIER_FACTOR);
        return users.stream()
                .map(u -> new UserUsage(u.user(), u.calls(), u.inputTokens(), u.outputTokens(), u.costUsd(),
                        u.costUsd().compareTo(threshold) > 0))
                .sorted(Comparator.comparing(UserUsage::costUsd).reversed()
                        .thenComparing(UserUsage::user, NULLS_LAST))
                .toList();
    }

    private static List<ModelUsage> models(Connection c, Instant from, Instant to) throws SQLException {
        List<ModelUsage> models = rows(c, "SELECT model_alias, provider, " + SUMS + PERIOD
                + " GROUP BY model_alias, provider", from, to,
                r -> new ModelUsage(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        money(r.getBigDecimal(6))));
        models.sort(Comparator.comparing(ModelUsage::costUsd).reversed()
                .thenComparing(ModelUsage::model, NULLS_LAST)
                .thenComparing(ModelUsage::provider, NULLS_LAST));
        return models;
    }

    private static List<DayUsage> days(Connection c, Instant from, Instant to) throws SQLException {
        List<DayUsage> days = rows(c, "SELECT usage_day, model_alias, provider, " + SUMS + PERIOD
                + " GROUP BY usage_day, model_alias, provider", from, to,
                r -> new DayUsage(r.getObject(1, LocalDate.class), r.getString(2), r.getString(3), r.getLong(4),
                        r.getLong(5), r.getLong(6), money(r.getBigDecimal(7))));
        days.sort(Comparator.comparing(DayUsage::day)
                .thenComparing(DayUsage::model, NULLS_LAST)
                .thenComparing(DayUsage::provider, NULLS_LAST));
        return days;
    }

    /** The median of the users' spend (the mean of the middle two for an even count); zero for none. */
    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid)
                : sorted.get(mid - 1).add(sorted.get(mid)).divide(BigDecimal.valueOf(2), SCALE + 1, RoundingMode.HALF_EVEN);
    }

    /** One row of a query's result, read. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Every row of a query over the period, read into a list the caller may sort. */
    private static <T> List<T> rows(Connection c, String sql, Instant from, Instant to, RowReader<T> reader)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement s = period(c, sql, from, to); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(reader.read(r));
            }
        }
        return rows;
    }

    private static PreparedStatement period(Connection c, String sql, Instant from, Instant to) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setObject(1, LedgerSql.utc(from));
        s.setObject(2, LedgerSql.utc(to));
        return s;
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
