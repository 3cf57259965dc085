package dev.chatroute.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chatroute.ChatrouteConfig;
import io.github.bucket4j.Bucket;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The local store runs with no Redis client on the class path at all. */
class LocalStoreClassLoadingTest {

    @Test
    void aLocalLimiterNeedsNoLettuceOrBucket4jRedisClasses() throws Exception {
        List<URL> path = List.of(location(ChatrouteConfig.class), location(LocalStoreClassLoadingTest.class),
                location(Bucket.class), location(Caffeine.class), location(LoggerFactory.class));
        try (URLClassLoader isolated = new URLClassLoader(path.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> probe = isolated.loadClass(LocalLimiterProbe.class.getName());
            @SuppressWarnings("unchecked")
            Callable<String> run = (Callable<String>) probe.getDeclaredConstructor().newInstance();

            assertThat(run.call()).isEqualTo("admitted, then refused: requests_per_minute");
            assertThat(isolated.getResource("io/lettuce/core/RedisClient.class")).as("Lettuce is absent").isNull();
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
