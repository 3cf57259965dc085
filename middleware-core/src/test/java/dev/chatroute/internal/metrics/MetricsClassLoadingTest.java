package dev.chatroute.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Micrometer is an optional dependency: an application without it starts and answers, and is told if it gives a registry. */
class MetricsClassLoadingTest {

    @Test
    void withoutMicrometerTheGatewayStartsAndAnswers() throws Exception {
        URL[] path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer"))
                .map(MetricsClassLoadingTest::url).toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            assertThat(isolated.getResource("io/micrometer/core/instrument/MeterRegistry.class")).isNull();
            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) isolated.loadClass(WithoutMicrometerProbe.class.getName())
                    .getDeclaredConstructor().newInstance();

            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(isolated); // SmallRye finds its implementation through it
            String result;
            try {
                result = probe.call();
            } finally {
                thread.setContextClassLoader(before);
            }

            assertThat(result).isEqualTo("answered; registry refused: A meter registry was given, but Micrometer "
                    + "(io.micrometer:micrometer-core) is not on Chatroute's class path");
        }
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
