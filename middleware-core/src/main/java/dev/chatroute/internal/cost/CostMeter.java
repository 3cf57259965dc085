package dev.chatroute.internal.cost;

import dev.chatroute.Usage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What calls cost, from each provider's {@link Prices}. A provider with no prices configured costs
 * nothing, silently (the demo, or a deployment that does not track money). A provider with prices
 * that has none for a model (and no {@code *}) costs nothing too, and is warned of once per
 * provider and model: the pairs come from the configured model chains, so the set stays small.
 * Thread-safe.
 */
public final class CostMeter {

    private static final Logger LOG = LoggerFactory.getLogger(CostMeter.class);

    private final Map<String, Prices> prices;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @param prices by provider name; a provider left out has none */
    public CostMeter(Map<String, Prices> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The cost in USD of these counts on this provider's model; {@link Price#FREE} without a price. */
    public BigDecimal cost(String provider, String model, Usage usage) {
        Prices of = provider == null ? null : prices.get(provider);
        if (of == null || !of.configured()) {
            return Price.FREE;
        }
        Price price = of.of(model).orElse(null);
        if (price == null) {
            if (warned.add(provider + "/" + model)) {
                LOG.warn("chatroute.providers.{}.prices has no price for model '{}' (and no '*'); "
                        + "its calls are recorded as costing nothing", provider, model);
            }
            return Price.FREE;
        }
        return price.cost(usage);
    }
}
