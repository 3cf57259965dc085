package dev.chatroute.ledger;

import static dev.chatroute.ledger.LedgerGateway.START;
import static dev.chatroute.ledger.LedgerGateway.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.UsageReport;
import dev.chatroute.UsageReport.DayUsage;
import dev.chatroute.UsageReport.ModelUsage;
import dev.chatroute.UsageReport.UserUsage;
import dev.chatroute.internal.json.Json;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every ledger database must do, through a real gateway and fake providers: one row per call
 * with every column, reports summed by the database, and the daily purge. H2 and PostgreSQL run it.
 */
abstract class LedgerContract {

    protected LedgerGateway gateway;

    /** {@code key=value} settings that point {@code chatroute.ledger=jdbc} at this database. */
    protected abstract List<String> ledgerSettings();

    /** A connection of the test's own, to read what the ledger wrote. */
    protected abstract Connection connect() throws SQLException;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS chatroute_usage");
        }
    }

    @AfterEach
    void closeGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    protected LedgerGateway start(String... extra) {
        List<String> settings = new ArrayList<>(ledgerSettings());
        settings.addAll(List.of(extra));
        gateway = new LedgerGateway(settings);
        return gateway;
    }

    @Test
    void streamedJsonRefusedFailedAndCancelledCallsAreEachOneRowWithEveryColumn() throws Exception {
        start("chatroute.pii.mode=redact");
        gateway.a.enqueue(Reply.stream("Hel", "lo").promptTokens(40).cachedTokens(10).reasoningTokens(1),
                Reply.json("Fine").withoutUsage());
        UsageRecord streamed = gateway.serve(TestCall.post("{\"userMessage\":\"Write to bob@example.com\","
                + "\"stream\":true,\"metadata\":{\"feature\":\"draft\"}}").principal("alice"));
        UsageRecord json = gateway.ask("bob", "Hi", false);
        UsageRecord refused = gateway.serve(TestCall.post("{\"stream\":false}").principal("carol"));
        gateway.a.enqueue(Reply.error(503, "server_error", "down"), Reply.error(503, "server_error", "down"));
        gateway.b.enqueue(Reply.error(503, "server_error", "down"), Reply.error(503, "server_error", "down"));
        UsageRecord failed = gateway.ask("dave", "Hi", false);
        UsageRecord cancelled = cancelledCall("erin");

        assertThat(List.of(streamed.outcome(), json.outcome(), refused.outcome(), failed.outcome(), cancelled.outcome()))
                .containsExactly(Outcome.COMPLETED, Outcome.COMPLETED, Outcome.REFUSED, Outcome.FAILED,
                        Outcome.CLIENT_CANCELLED);
        awaitRows(5);
        for (UsageRecord record : List.of(streamed, json, refused, failed, cancelled)) {
            assertRowMatches(record);
        }
        Map<String, Object> s = row(streamed.requestId());
        assertThat(s.get("pii_findings")).isEqualTo("email=1");
        assertThat(Json.MAPPER.readTree((String) s.get("metadata")).get("feature").asText()).isEqualTo("draft");
        assertThat(s.get("cached_input_tokens")).isEqualTo(10L);
        assertThat(s.get("reasoning_tokens")).isEqualTo(1L);
        assertThat(s.get("attempts")).isEqualTo(1);
        assertThat((BigDecimal) s.get("cost_usd")).isPositive();
        assertThat((Boolean) row(json.requestId()).get("usage_estimated")).isTrue();
        assertThat(row(refused.requestId()).get("attempts")).isEqualTo(0);
        assertThat(row(failed.requestId()).get("attempts")).isEqualTo(4);
        assertThat((Boolean) row(failed.requestId()).get("fallback")).isTrue();
    }

    @Test
    void theReportSumsAKnownSetOfCallsPerUserModelAndDayWithTheMonitoringRates() throws Exception {
        start();
        // Day 1: alice's first try is answered 429, its retry 200; bob's call falls back from a to b.
        gateway.a.enqueue(Reply.error(429, "rate_limit_exceeded", "slow down"), Reply.json("ok").promptTokens(100));
        UsageRecord alice = gateway.ask("alice", "Hi", false);
        gateway.a.enqueue(Reply.error(503, "server_error", "down"), Reply.error(503, "server_error", "down"));
        gateway.b.enqueue(Reply.json("from b").promptTokens(50));
        UsageRecord bob = gateway.ask("bob", "Hi", false);
        gateway.a.enqueue(Reply.json("ok").promptTokens(200));
        gateway.ask("carol", "Hi", false);
        UsageRecord refused = gateway.ask(null, "Hi", false); // no user: refused before any provider
        // Day 2: a whale, far above five times the median user.
        gateway.clock.advance(Duration.ofDays(1));
        gateway.a.enqueue(Reply.json("ok").promptTokens(1_000_000));
        UsageRecord whale = gateway.ask("whale", "Hi", true);
        // Day 4: outside the report's period.
        gateway.clock.advance(Duration.ofDays(2));
        gateway.a.enqueue(Reply.json("ok").promptTokens(5_000_000));
        gateway.ask("later", "Hi", false);
        awaitRows(6);
        assertThat(alice.retries()).isEqualTo(1);
        assertThat(bob.fallback()).isTrue();

        UsageReport report = gateway.chatroute.usage(START.minus(Duration.ofHours(1)), START.plus(Duration.ofDays(2)));

        List<UsageRecord> in = gateway.usage.all().stream().filter(r -> !"later".equals(r.user())).toList();
        BigDecimal cost = in.stream().map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(report.totals().calls()).isEqualTo(5);
        assertThat(report.totals().successfulCalls()).isEqualTo(4);
        assertThat(report.totals().inputTokens()).isEqualTo(in.stream().mapToLong(r -> r.usage().inputTokens()).sum());
        assertThat(report.totals().outputTokens()).isEqualTo(in.stream().mapToLong(r -> r.usage().outputTokens()).sum());
        assertThat(report.totals().costUsd()).isEqualByComparingTo(cost);
        assertThat(report.totals().refusals()).isEqualTo(Map.of(refused.errorCode(), 1L));
        // attempts: alice 2 (one 429), bob 3 (a, a, b), carol 1, whale 1 = 7 over 4 calls that reached a provider
        assertThat(report.monitoring().rate429()).isEqualTo(1.0 / 7);
        assertThat(report.monitoring().retryMultiplier()).isEqualTo(7.0 / 4);
        assertThat(report.monitoring().fallbackRate()).isEqualTo(1.0 / 4);
        assertThat(report.monitoring().costPerSuccessfulCall())
                .isEqualByComparingTo(cost.divide(BigDecimal.valueOf(4), 12, java.math.RoundingMode.HALF_EVEN));

        assertThat(report.users()).extracting(UserUsage::user).containsExactly("whale", "carol", "alice", "bob", null);
        assertThat(report.users()).filteredOn(UserUsage::outlier).extracting(UserUsage::user).containsExactly("whale");
        UserUsage whaleUsage = report.users().get(0);
        assertThat(whaleUsage.calls()).isEqualTo(1);
        assertThat(whaleUsage.inputTokens()).isEqualTo(1_000_000);
        assertThat(whaleUsage.costUsd()).isEqualByComparingTo(whale.costUsd()).isEqualByComparingTo(
                new BigDecimal("1.000000").add(BigDecimal.valueOf(whale.usage().outputTokens() * 2L, 6)));

        assertThat(report.models()).extracting(ModelUsage::model, ModelUsage::provider, ModelUsage::calls)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("default", "a", 3L),
                        org.assertj.core.groups.Tuple.tuple("default", "b", 1L),
                        org.assertj.core.groups.Tuple.tuple(null, null, 1L)); // refused before its body was read
        LocalDate day1 = LocalDate.of(2026, 3, 1);
        assertThat(report.days()).extracting(DayUsage::day, DayUsage::provider, DayUsage::calls).containsExactly(
                org.assertj.core.groups.Tuple.tuple(day1, "a", 2L),
                org.assertj.core.groups.Tuple.tuple(day1, "b", 1L),
                org.assertj.core.groups.Tuple.tuple(day1, null, 1L),
                org.assertj.core.groups.Tuple.tuple(day1.plusDays(1), "a", 1L));

        JsonNode json = Json.MAPPER.readTree(report.toJson());
        assertThat(json.at("/totals/calls").asLong()).isEqualTo(5);
        assertThat(json.at("/totals/costUsd").isNumber()).isTrue();
        assertThat(json.at("/totals/costUsd").decimalValue()).isEqualByComparingTo(cost);
        assertThat(json.at("/users/0/user").asText()).isEqualTo("whale");
        assertThat(json.at("/users/0/outlier").asBoolean()).isTrue();
        assertThat(json.at("/monitoring/rate429").asDouble()).isEqualTo(1.0 / 7);
        assertThat(json.at("/days/0/day").asText()).isEqualTo("2026-03-01");
        assertThat(json.at("/totals/refusals/" + refused.errorCode()).asLong()).isEqualTo(1);
    }

    @Test
    void rowsOlderThanTheRetentionArePurgedOnceADayOnTheInjectedClock() throws Exception {
        start("chatroute.ledger.retention=30d");
        UsageRecord old = gateway.ask("alice", "Hi", false);
        awaitRows(1);
        gateway.clock.advance(Duration.ofDays(20));
        UsageRecord recent = gateway.ask("bob", "Hi", false);
        awaitRows(2);

        gateway.clock.advance(Duration.ofDays(11)); // old is now 31 days old, recent 11

        await().atMost(WAIT).until(() -> count() == 1);
        assertThat(requestIds()).containsExactly(recent.requestId()).doesNotContain(old.requestId());
    }

    @Test
    void aReportAskedForBeforeAnyCallIsAllZeros() {
        start(); // asked at once: before the writer's first look at the database, in all likelihood

        UsageReport report = gateway.chatroute.usage(START.minus(Duration.ofDays(1)), START);

        assertThat(report.totals().calls()).isZero();
        assertThat(report.totals().costUsd()).isZero();
        assertThat(report.totals().refusals()).isEmpty();
        assertThat(report.users()).isEmpty();
        assertThat(report.models()).isEmpty();
        assertThat(report.days()).isEmpty();
        assertThat(report.monitoring()).isEqualTo(new UsageReport.Monitoring(0, 0, 0,
                report.monitoring().costPerSuccessfulCall()));
        assertThat(report.monitoring().costPerSuccessfulCall()).isZero();
        assertThat(report.toJson()).contains("\"users\":[]").contains("\"rate429\":0.0");
    }

    @Test
    void aValueLongerThanItsColumnIsCutRatherThanFailingTheBatchItIsIn() throws Exception {
        start();
        UsageRecord longName = gateway.ask("u".repeat(600), "Hi", false);
        UsageRecord next = gateway.ask("bob", "Hi", false);

        awaitRows(2);
        assertThat((String) row(longName.requestId()).get("user_name")).isEqualTo("u".repeat(500));
        assertThat(row(next.requestId()).get("user_name")).isEqualTo("bob");
    }

    @Test
    void closeWritesTheLastRowsAndLeavesNoThreadOfTheLedgerOrItsPoolBehind() throws Exception {
        start();
        for (int i = 0; i < 3; i++) {
            gateway.ask("alice", "Hi " + i, i == 1);
        }
        assertThat(ledgerThreads()).isNotEmpty();

        gateway.close();
        gateway = null;

        assertThat(count()).isEqualTo(3);
        await().atMost(WAIT).until(() -> ledgerThreads().isEmpty());
    }

    private static List<String> ledgerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.matches("chatroute-\\d+-ledger.*")).toList();
    }

    /** A stream the provider holds open until the client goes. */
    protected UsageRecord cancelledCall(String user) {
        gateway.a.enqueue(Reply.stream("a", "b", "c").hangAfter(1));
        int before = gateway.usage.all().size();
        RecordingChannel channel = new RecordingChannel();
        gateway.chatroute.serve(TestCall.post("{\"userMessage\":\"Hi\",\"stream\":true}").principal(user), channel);
        await().atMost(WAIT).until(() -> channel.deltaText().length() > 0);
        channel.clientGone();
        await().atMost(WAIT).until(() -> gateway.usage.all().size() > before);
        return gateway.usage.all().get(before);
    }

    protected void awaitRows(int rows) {
        await().atMost(WAIT).until(() -> count() >= rows);
    }

    protected long count() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT COUNT(*) FROM chatroute_usage");
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage().toLowerCase().contains("chatroute_usage")) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    protected List<String> requestIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT request_id FROM chatroute_usage ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    /** The row of one call, by lower-case column name, with numbers as the JDBC types below. */
    protected Map<String, Object> row(String requestId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM chatroute_usage WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("a row for %s", requestId).isTrue();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    String name = r.getMetaData().getColumnLabel(i).toLowerCase();
                    row.put(name, switch (name) {
                        case "input_tokens", "output_tokens", "cached_input_tokens", "reasoning_tokens", "latency_ms" ->
                                r.getLong(i);
                        case "time_to_first_token_ms" -> r.getObject(i) == null ? null : r.getLong(i);
                        case "status", "retries", "attempts", "upstream_429" -> r.getInt(i);
                        case "stream", "usage_estimated", "fallback", "cost_estimated" -> r.getBoolean(i);
                        case "started_at" -> r.getObject(i, OffsetDateTime.class);
                        case "usage_day" -> r.getObject(i, LocalDate.class);
                        case "cost_usd" -> r.getBigDecimal(i);
                        default -> r.getString(i);
                    });
                }
                assertThat(r.next()).isFalse();
                return row;
            }
        }
    }

    private void assertRowMatches(UsageRecord record) throws Exception {
        Map<String, Object> row = row(record.requestId());
        Map<String, Object> expected = new HashMap<>();
        expected.put("request_id", record.requestId());
        expected.put("user_name", record.user());
        expected.put("model_alias", record.model());
        expected.put("provider", record.provider());
        expected.put("provider_model", record.providerModel());
        expected.put("stream", record.stream());
        expected.put("outcome", record.outcome().name());
        expected.put("status", record.status());
        expected.put("error_code", record.errorCode());
        expected.put("input_tokens", (long) record.usage().inputTokens());
        expected.put("output_tokens", (long) record.usage().outputTokens());
        expected.put("cached_input_tokens", (long) record.usage().cachedInputTokens());
        expected.put("reasoning_tokens", (long) record.usage().reasoningTokens());
        expected.put("usage_estimated", record.usageEstimated());
        expected.put("usage_day", record.startedAt().atOffset(ZoneOffset.UTC).toLocalDate());
        expected.put("latency_ms", record.latency().toMillis());
        expected.put("time_to_first_token_ms", record.timeToFirstToken() == null ? null
                : record.timeToFirstToken().toMillis());
        expected.put("retries", record.retries());
        expected.put("fallback", record.fallback());
        expected.put("cost_estimated", record.costEstimated());
        expected.put("pii_findings", record.piiFindings().isEmpty() ? null : row.get("pii_findings"));
        expected.put("metadata", record.metadata().isEmpty() ? null : row.get("metadata"));
        expected.put("attempts", row.get("attempts"));
        expected.put("upstream_429", 0);
        expected.put("id", row.get("id"));
        expected.put("started_at", row.get("started_at"));
        expected.put("cost_usd", row.get("cost_usd"));
        assertThat(row).as("the row of %s", record).isEqualTo(expected);
        assertThat(((OffsetDateTime) row.get("started_at")).toInstant()).isEqualTo(record.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(record.costUsd());
        assertThat(Stream.of("pii_findings", "metadata").filter(k -> row.get(k) != null))
                .allMatch(k -> !((String) row.get(k)).isEmpty());
    }
}
