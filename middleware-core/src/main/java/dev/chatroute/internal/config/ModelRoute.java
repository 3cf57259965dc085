package dev.chatroute.internal.config;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code chatroute.models.<alias>}: the targets a model alias routes to, and how they are ordered
 * for each call ({@code .strategy}).
 *
 * @param weights {@code .weights}, one per target, for {@code weighted}; all 1 when not given
 * @param costs {@code .costs}, one per target, for {@code cheapest-first}; in chain order when not given
 * @param roles {@code .roles}: a caller needs one of them to use the alias; empty means everyone may
 */
public record ModelRoute(String alias, List<Target> targets, String strategy, List<Double> weights,
        List<Double> costs, Set<String> roles) {

    public ModelRoute {
        roles = Set.copyOf(roles);
    }

    /** Whether a caller in these roles may use the alias. */
    public boolean allows(Collection<String> callerRoles) {
        return roles.isEmpty() || callerRoles.stream().anyMatch(roles::contains);
    }

    /** One step of a chain: a provider and the model name that provider knows. */
    public record Target(String provider, String model) {
        @Override
        public String toString() {
            return provider + "/" + model;
        }
    }

    public ModelRoute(String alias, List<Target> targets, String strategy) {
        this(alias, targets, strategy, List.of(), List.of(), Set.of());
    }
}
