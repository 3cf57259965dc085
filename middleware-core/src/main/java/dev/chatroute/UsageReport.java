package dev.chatroute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.internal.json.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage of a period, from the ledger ({@link Chatroute#usage}). All BigDecimal USD exact; rates are
 * fractions 0..1 (0 when nothing to divide).
 */
public record UsageReport(Instant from, Instant to, Totals totals, List<UserUsage> users, List<ModelUsage> models,
                          List<DayUsage> days, Monitoring monitoring) {

    /** Writes costs as plain decimals ({@code 0.0000015}, never {@code 1.5E-6}). */
    private static final ObjectWriter WRITER = Json.MAPPER.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    public UsageReport {
        users = List.copyOf(users);
        models = List.copyOf(models);
        days = List.copyOf(days);
    }

    /** @param refusals calls refused or failed, by contract error code */
    public record Totals(long calls, long successfulCalls, long inputTokens, long outputTokens, BigDecimal costUsd,
                         Map<String, Long> refusals) {
        public Totals {
            refusals = Map.copyOf(refusals);
        }
    }

    /** Users sorted by cost, dearest first; outlier = spend above 5x the median user's spend. */
    public record UserUsage(String user, long calls, long inputTokens, long outputTokens, BigDecimal costUsd,
                            boolean outlier) {
    }

    /** model = the Chatroute alias, provider = the provider's configured name (null when none was called). */
    public record ModelUsage(String model, String provider, long calls, long inputTokens, long outputTokens,
                             BigDecimal costUsd) {
    }

    /** Spend per UTC day per model alias and provider. */
    public record DayUsage(LocalDate day, String model, String provider, long calls, long inputTokens,
                           long outputTokens, BigDecimal costUsd) {
    }

    /**
     * Seed 000's monitoring set: rate429 = upstream attempts answered 429 / all upstream attempts;
     * retryMultiplier = upstream attempts / calls that reached a provider; fallbackRate = calls that
     * fell back / calls that reached a provider; costPerSuccessfulCall = cost / successful calls (0 when none).
     */
    public record Monitoring(double rate429, double retryMultiplier, double fallbackRate,
                             BigDecimal costPerSuccessfulCall) {
    }

    /**
     * The sample's /admin/usage.json: {"from","to","totals":{"calls","successfulCalls","inputTokens",
     * "outputTokens","costUsd","refusals":{code:n}}, "users":[{"user","calls","inputTokens","outputTokens",
     * "costUsd","outlier"}], "models":[{"model","provider","calls","inputTokens","outputTokens","costUsd"}],
     * "days":[{"day","model","provider","calls","inputTokens","outputTokens","costUsd"}],
     * "monitoring":{"rate429","retryMultiplier","fallbackRate","costPerSuccessfulCall"}}. Costs are JSON
     * numbers, written plainly; instants ISO-8601, days {@code yyyy-MM-dd}.
     */
    public String toJson() {
        ObjectNode root = Json.object();
        root.put("from", from.toString());
        root.put("to", to.toString());
        ObjectNode t = root.putObject("totals");
        t.put("calls", totals.calls());
        t.put("successfulCalls", totals.successfulCalls());
        t.put("inputTokens", totals.inputTokens());
        t.put("outputTokens", totals.outputTokens());
        t.put("costUsd", totals.costUsd());
        ObjectNode refusals = t.putObject("refusals");
        new TreeMap<>(totals.refusals()).forEach(refusals::put);
        ArrayNode userList = root.putArray("users");
        for (UserUsage u : users) {
            ObjectNode n = userList.addObject();
            n.put("user", u.user());
            sums(n, u.calls(), u.inputTokens(), u.outputTokens(), u.costUsd());
            n.put("outlier", u.outlier());
        }
        ArrayNode modelList = root.putArray("models");
        for (ModelUsage m : models) {
            ObjectNode n = modelList.addObject();
            n.put("model", m.model());
            n.put("provider", m.provider());
            sums(n, m.calls(), m.inputTokens(), m.outputTokens(), m.costUsd());
        }
        ArrayNode dayList = root.putArray("days");
        for (DayUsage d : days) {
            ObjectNode n = dayList.addObject();
            n.put("day", d.day().toString());
            n.put("model", d.model());
            n.put("provider", d.provider());
            sums(n, d.calls(), d.inputTokens(), d.outputTokens(), d.costUsd());
        }
        ObjectNode m = root.putObject("monitoring");
        m.put("rate429", monitoring.rate429());
        m.put("retryMultiplier", monitoring.retryMultiplier());
        m.put("fallbackRate", monitoring.fallbackRate());
        m.put("costPerSuccessfulCall", monitoring.costPerSuccessfulCall());
        try {
            return WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What every row of users, models and days sums, in the same order. */
    private static void sums(ObjectNode n, long calls, long inputTokens, long outputTokens, BigDecimal costUsd) {
        n.put("calls", calls);
        n.put("inputTokens", inputTokens);
        n.put("outputTokens", outputTokens);
        n.put("costUsd", costUsd);
    }
}
