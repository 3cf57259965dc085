package dev.chatroute.internal.cost;

import dev.chatroute.Usage;
import java.math.BigDecimal;

/**
 * What one model costs, in USD per million tokens.
 *
 * @param cachedInput the price of input read from the provider's prompt cache, or null: then cached
 *     input costs as much as other input
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {

    /**
     * Decimal places of a cost. Prices take at most 6 decimals ({@link Prices}), and a cost is
     * tokens × price / 10^6, so it is exact at 12 places: nothing is ever rounded.
     */
    public static final int COST_SCALE = 12;

    /** Costs nothing: a model without a price. */
    public static final BigDecimal FREE = BigDecimal.ZERO.setScale(COST_SCALE);

    /**
     * The cost of these counts. Cached tokens are part of the input tokens: the rest of the input
     * pays the input price, the cached part the cached price (a provider that reports more cached
     * tokens than input has them all counted as cached, never as a negative rest).
     */
    public BigDecimal cost(Usage usage) {
        long cached = Math.min(Math.max(usage.cachedInputTokens(), 0), Math.max(usage.inputTokens(), 0));
        long plain = Math.max(usage.inputTokens(), 0) - cached;
        BigDecimal perMillion = input.multiply(BigDecimal.valueOf(plain))
                .add((cachedInput == null ? input : cachedInput).multiply(BigDecimal.valueOf(cached)))
                .add(output.multiply(BigDecimal.valueOf(Math.max(usage.outputTokens(), 0))));
        return perMillion.movePointLeft(6).setScale(COST_SCALE);
    }
}
