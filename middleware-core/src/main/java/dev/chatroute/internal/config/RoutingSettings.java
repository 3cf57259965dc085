package dev.chatroute.internal.config;

import java.time.Duration;

/**
 * {@code chatroute.retry.*} and {@code chatroute.circuit-breaker.*}: how a failing target is retried,
 * how much retrying an outage may cost a provider, and when a target's circuit opens.
 *
 * @param maxAttempts tries per target, the first one included
 * @param initialDelay the ceiling of the first backoff; each retry doubles it (full jitter below it)
 * @param maxDelay the largest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one moves on to the next target
 * @param budgetRatio retries allowed per provider as a share of its calls within {@code budgetWindow}
 * @param budgetMinRetries retries always allowed per provider within {@code budgetWindow}
 * @param failureThreshold consecutive failures that open a target's circuit
 * @param circuitDelay how long an open circuit refuses calls before letting one trial call through
 */
public record RoutingSettings(
        int maxAttempts,
        Duration initialDelay,
        Duration maxDelay,
        Duration maxRetryAfter,
        double budgetRatio,
        int budgetMinRetries,
        Duration budgetWindow,
        int failureThreshold,
        Duration circuitDelay) {

    static RoutingSettings read(ConfigReader r) {
        Duration initial = positive(r, "chatroute.retry.initial-delay", Duration.ofMillis(250));
        Duration max = positive(r, "chatroute.retry.max-delay", Duration.ofSeconds(4));
        if (max.compareTo(initial) < 0) {
            throw ConfigReader.bad("chatroute.retry.max-delay", ConfigReader.format(max),
                    "must not be shorter than chatroute.retry.initial-delay (" + ConfigReader.format(initial) + ")");
        }
        return new RoutingSettings(
                r.integer("chatroute.retry.max-attempts", 3, 1, 10),
                initial,
                max,
                r.duration("chatroute.retry.max-retry-after", Duration.ofSeconds(5)),
                ratio(r, "chatroute.retry.budget-ratio", 0.1),
                r.integer("chatroute.retry.budget-min-retries", 10, 0, 1_000_000),
                positive(r, "chatroute.retry.budget-window", Duration.ofSeconds(10)),
                r.integer("chatroute.circuit-breaker.failure-threshold", 5, 1, 10_000),
                positive(r, "chatroute.circuit-breaker.delay", Duration.ofSeconds(30)));
    }

    private static Duration positive(ConfigReader r, String key, Duration fallback) {
        Duration d = r.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw ConfigReader.bad(key, ConfigReader.format(d), "must be longer than 0ms");
        }
        return d;
    }

    private static double ratio(ConfigReader r, String key, double fallback) {
        String value = r.string(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ConfigReader.bad(key, value, "must be a number between 0 and 1, such as 0.1");
    }
}
