package dev.chatroute.internal.config;

import java.util.List;

/**
 * {@code chatroute.models.<alias>}: the targets a model alias routes to, and how they are ordered
 * for each call ({@code .strategy}).
 *
 * @param weights {@code .weights}, one per target, for {@code weighted}; all 1 when not given
 * @param costs {@code .costs}, one per target, for {@code cheapest-first}; in chain order when not given
 */
public record ModelRoute(String alias, List<Target> targets, String strategy, List<Double> weights,
        List<Double> costs) {

    /** One step of a chain: a provider and the model name that provider knows. */
    public record Target(String provider, String model) {
        @Override
        public String toString() {
            return provider + "/" + model;
        }
    }

    public ModelRoute(String alias, List<Target> targets, String strategy) {
        this(alias, targets, strategy, List.of(), List.of());
    }
}
