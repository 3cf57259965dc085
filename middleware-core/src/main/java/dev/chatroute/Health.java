package dev.chatroute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.internal.json.Json;
import java.time.Duration;
import java.util.List;

/**
 * Whether the gateway can answer, and why not: {@link Chatroute#health()}. It is usable when its
 * limit store answers (or {@code chatroute.limits.redis.on-failure=allow-local} stands in for it)
 * and the {@code default} model alias has a target whose circuit is not open. Another alias with
 * every circuit open is reported but does not make the gateway unusable: a load balancer that took
 * every instance out because one provider is down would gain nothing.
 *
 * @param ledger {@code off} without a usage ledger ({@code chatroute.ledger}); {@code up} when its
 *     database answered the ledger's writer last time, {@code down} when it did not. A ledger that is
 *     down does not make the gateway unusable: its rows are dropped and counted, calls go on.
 */
public record Health(boolean usable, List<Circuit> circuits, Limits limits, String ledger) {

    /** One target of one alias, and its circuit breaker's state. */
    public record Circuit(String alias, String provider, String model, String state, Duration untilTrial) {
    }

    /**
     * @param store {@code local} or {@code redis}
     * @param reachable whether the store answered just now
     * @param usable whether calls can be admitted (reachable, or a local fallback stands in)
     */
    public record Limits(String store, boolean reachable, boolean usable) {
    }

    public Health {
        circuits = List.copyOf(circuits);
    }

    /** {@code {"status":"UP"|"DOWN","circuits":[...],"limits":{...},"ledger":"off"}}, never a secret. */
    public String toJson() {
        ObjectNode root = Json.object();
        root.put("status", usable ? "UP" : "DOWN");
        ArrayNode list = root.putArray("circuits");
        for (Circuit c : circuits) {
            ObjectNode node = list.addObject();
            node.put("alias", c.alias());
            node.put("provider", c.provider());
            node.put("model", c.model());
            node.put("state", c.state());
            if (!c.untilTrial().isZero()) {
                node.put("trialInSeconds", Math.max(1, (c.untilTrial().toMillis() + 999) / 1000));
            }
        }
        ObjectNode store = root.putObject("limits");
        store.put("store", limits.store());
        store.put("reachable", limits.reachable());
        store.put("usable", limits.usable());
        root.put("ledger", ledger);
        return Json.write(root);
    }
}
