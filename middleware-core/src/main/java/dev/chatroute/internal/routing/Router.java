package dev.chatroute.internal.routing;

import dev.chatroute.internal.config.ModelRoute;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.RoutingSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routing shares across the calls of one gateway: a {@link TargetGuard} (retries and circuit)
 * per target, a {@link RetryBudget} per provider, and the order in which a call tries a chain.
 */
public final class Router {

    static final Logger LOG = LoggerFactory.getLogger("dev.chatroute.routing");

    private final RoutingSettings settings;
    private final LongSupplier nanoTime;
    private final Map<Target, TargetGuard> guards = new ConcurrentHashMap<>();
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    public Router(RoutingSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    public RoutingSettings settings() {
        return settings;
    }

    public TargetGuard guard(Target target) {
        return guards.computeIfAbsent(target, t -> new TargetGuard(t, settings, nanoTime));
    }

    public RetryBudget budget(String provider) {
        return budgets.computeIfAbsent(provider, p -> new RetryBudget(settings.budgetRatio(),
                settings.budgetMinRetries(), settings.budgetWindow(), nanoTime));
    }

    /**
     * The targets in the order this call tries them: {@code fallback} as configured;
     * {@code weighted} a random order, each next target drawn in proportion to its weight, so that
     * load spreads and a failed pick still falls back to the others; {@code cheapest-first} by
     * ascending cost (ties keep chain order), escalating to dearer targets on failure.
     */
    public static List<Target> order(ModelRoute route) {
        List<Target> targets = route.targets();
        return switch (route.strategy()) {
            case "weighted" -> weighted(targets, route.weights());
            case "cheapest-first" -> cheapestFirst(targets, route.costs());
            default -> targets;
        };
    }

    private static List<Target> weighted(List<Target> targets, List<Double> weights) {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            left.add(i);
        }
        List<Target> order = new ArrayList<>(targets.size());
        while (!left.isEmpty()) {
            double total = 0;
            for (int i : left) {
                total += weight(weights, i);
            }
            double pick = ThreadLocalRandom.current().nextDouble(total);
            int chosen = left.get(left.size() - 1);
            for (int i : left) {
                pick -= weight(weights, i);
                if (pick < 0) {
                    chosen = i;
                    break;
                }
            }
            left.remove(Integer.valueOf(chosen));
            order.add(targets.get(chosen));
        }
        return order;
    }

    private static double weight(List<Double> weights, int i) {
        return weights.isEmpty() ? 1 : weights.get(i);
    }

    private static List<Target> cheapestFirst(List<Target> targets, List<Double> costs) {
        if (costs.isEmpty()) {
            return targets;
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.comparingDouble(costs::get)); // stable: ties keep chain order
        return indexes.stream().map(targets::get).toList();
    }
}
