package dev.chatroute.internal.pipeline;

import dev.chatroute.Health;
import dev.chatroute.internal.config.ModelRoute;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.internal.routing.Router;
import dev.chatroute.internal.routing.TargetGuard;
import dev.chatroute.spi.EventListener.CircuitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds {@link Health}: every configured target's circuit, and whether the limit store answers. */
final class HealthCheck {

    private HealthCheck() {
    }

    static Health of(Settings settings, Router router, Limiter limiter) {
        List<Health.Circuit> circuits = new ArrayList<>();
        boolean defaultAnswers = false;
        for (ModelRoute route : settings.models().values()) {
            for (ModelRoute.Target target : route.targets()) {
                TargetGuard guard = router.guard(target);
                CircuitState state = guard.state();
                circuits.add(new Health.Circuit(route.alias(), target.provider(), target.model(),
                        state.name().toLowerCase(Locale.ROOT).replace('_', '-'), guard.untilTrial()));
                if (route.alias().equals(Settings.DEFAULT_ALIAS) && state != CircuitState.OPEN) {
                    defaultAnswers = true;
                }
            }
        }
        Health.Limits limits = limiter.health();
        return new Health(defaultAnswers && limits.usable(), circuits, limits, "off");
    }
}
