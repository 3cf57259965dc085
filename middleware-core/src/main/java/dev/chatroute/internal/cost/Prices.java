package dev.chatroute.internal.cost;

import dev.chatroute.internal.config.ConfigReader;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code chatroute.providers.<name>.prices}: {@code model=input/output} or
 * {@code model=input/output/cached-input} in USD per million tokens, comma-separated, where the model
 * {@code *} is any model of the provider not listed. An entry splits on its {@code =} only, so model
 * names may hold {@code /} and {@code :} ({@code openai/gpt-4o=2.50/10.00}).
 *
 * @param byModel the listed models' prices
 * @param anyOther the price of {@code *}, or null
 */
public record Prices(Map<String, Price> byModel, Price anyOther) {

    /** No prices configured: every model costs nothing. */
    public static final Prices NONE = new Prices(Map.of(), null);

    private static final String ANY = "*";
    /** Plain decimals with at most 6 places, so that costs stay exact (see {@link Price#COST_SCALE}). */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,6}(\\.\\d{1,6})?");

    public Prices {
        byModel = Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
    }

    /** Whether any price is configured at all. */
    public boolean configured() {
        return anyOther != null || !byModel.isEmpty();
    }

    /** The model's price, else the price of {@code *}, else none. */
    public Optional<Price> of(String model) {
        Price listed = byModel.get(model);
        return Optional.ofNullable(listed != null ? listed : anyOther);
    }

    /** Reads {@code key}; a bad entry fails start-up naming the key, the value and the entry. */
    public static Prices read(ConfigReader r, String key) {
        String value = r.string(key).orElse(null);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, Price> byModel = new LinkedHashMap<>();
        Price anyOther = null;
        for (String part : value.split(",")) {
            String entry = part.trim();
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.indexOf('=', eq + 1) >= 0) {
                throw ConfigReader.bad(key, value, "entry '" + entry + "' must be model=input/output or "
                        + "model=input/output/cached-input (USD per million tokens)");
            }
            String model = entry.substring(0, eq).trim();
            Price price = price(key, value, entry, entry.substring(eq + 1));
            boolean repeated = model.equals(ANY) ? anyOther != null : byModel.containsKey(model);
            if (repeated) {
                throw ConfigReader.bad(key, value, "prices model '" + model + "' twice");
            }
            if (model.equals(ANY)) {
                anyOther = price;
            } else {
                byModel.put(model, price);
            }
        }
        return new Prices(byModel, anyOther);
    }

    private static Price price(String key, String value, String entry, String amounts) {
        String[] parts = amounts.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw ConfigReader.bad(key, value, "entry '" + entry + "' must give input/output or "
                    + "input/output/cached-input prices");
        }
        BigDecimal[] numbers = new BigDecimal[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String amount = parts[i].trim();
            if (!AMOUNT.matcher(amount).matches()) {
                throw ConfigReader.bad(key, value, "entry '" + entry + "' has '" + amount + "', which is not a "
                        + "price: USD per million tokens such as 0.15 (at most 6 decimals, not negative)");
            }
            numbers[i] = new BigDecimal(amount);
        }
        return new Price(numbers[0], numbers[1], numbers.length == 3 ? numbers[2] : null);
    }
}
