package dev.chatroute;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call cost and how it went; handed to every {@link dev.chatroute.spi.UsageListener}.
 *
 * @param provider and {@code providerModel} are null when no provider was called
 * @param usageEstimated true when the provider sent no usage and Chatroute counted the tokens
 * @param timeToFirstToken null when no token arrived
 * @param errorCode the contract error code when the call did not complete, else null
 * @param piiFindings how many pieces of personal data of each type ({@code email}, {@code phone},
 *     {@code card}, {@code iban}, {@code secret}, {@code ip}, {@code ssn}) were found in the request's
 *     messages (redacted, or the reason for a {@code pii_detected} refusal); counts only, never the
 *     values; empty when none were found or {@code chatroute.pii.mode} is {@code off}
 * @param costUsd what the call cost in USD, from {@code chatroute.providers.<name>.prices}: exact
 *     (12 decimal places, never rounded); zero when the provider or model has no price, when the call
 *     was refused, and when it failed before any text (as it then counts nothing against
 *     {@code tokens-per-day})
 * @param costEstimated true when the cost rests on Chatroute's estimate of the tokens
 *     ({@code usageEstimated}) rather than the provider's counts
 */
public record UsageRecord(
        String requestId,
        String user,
        String model,
        String provider,
        String providerModel,
        boolean stream,
        Outcome outcome,
        int status,
        String errorCode,
        Usage usage,
        boolean usageEstimated,
        Instant startedAt,
        Duration latency,
        Duration timeToFirstToken,
        int retries,
        boolean fallback,
        Map<String, String> metadata,
        Map<String, Integer> piiFindings,
        BigDecimal costUsd,
        boolean costEstimated) {

    public UsageRecord {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        piiFindings = piiFindings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(piiFindings));
    }
}
