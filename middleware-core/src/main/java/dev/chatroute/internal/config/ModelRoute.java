package dev.chatroute.internal.config;

import java.util.List;

/** {@code chatroute.models.<alias>}: the ordered targets a model alias routes to. */
public record ModelRoute(String alias, List<Target> targets, String strategy) {

    /** One step of a chain: a provider and the model name that provider knows. */
    public record Target(String provider, String model) {
        @Override
        public String toString() {
            return provider + "/" + model;
        }
    }

    public Target primary() {
        return targets.get(0);
    }
}
