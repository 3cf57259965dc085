package dev.chatroute.limits;

import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.spi.Identity;
import java.util.concurrent.Callable;

/** Runs a local limiter; loaded by {@link LocalStoreClassLoadingTest} in a class loader without Lettuce. */
public final class LocalLimiterProbe implements Callable<String> {

    @Override
    public String call() {
        LimitSettings settings = LimitSettings.read(new ConfigReader(ChatrouteConfig.builder()
                .put("chatroute.limits.requests-per-minute", "1").build()));
        try (Limiter limiter = Limiters.create(settings)) {
            LimiterCalls.call(limiter, Identity.of("alice"), 10).end(10);
            try {
                LimiterCalls.call(limiter, Identity.of("alice"), 10);
                return "admitted twice";
            } catch (ApiErrorException e) {
                return "admitted, then refused: " + e.error().code();
            }
        }
    }
}
