package dev.chatroute.sample.deploy;

import dev.chatroute.testing.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a full EE server is started with, set as system properties before Arquillian reads
 * {@code arquillian.xml} (register it before {@code ArquillianExtension}): free ports, and the
 * settings an operator gives the server's JVM for WARs deployed unchanged ({@code ee.server.settings}):
 * a provider {@code ops} on the one fake provider of the run, and the aliases {@code ops-broken},
 * {@code ops-retry} and {@code ops-circuit} on it, with short retry delays and a circuit that opens
 * after one call's three tries.
 */
final class EeServerSetup implements BeforeAllCallback, AfterAllCallback {

    static final FakeProvider FAKE = FakeProvider.start();

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("payara.http.port", String.valueOf(freePort()));
        System.setProperty("wildfly.port.offset", String.valueOf(freeWildflyOffset()));
        System.setProperty("wildfly.management.port", String.valueOf(9990 + Integer.getInteger("wildfly.port.offset")));
        System.setProperty("ee.server.settings", String.join(" ",
                "-Dchatroute.providers.ops.type=openai-compatible",
                "-Dchatroute.providers.ops.base-url=" + FAKE.baseUrl(),
                "-Dchatroute.models.ops-broken=ops/broken-model",
                "-Dchatroute.models.ops-retry=ops/retry-model",
                "-Dchatroute.models.ops-circuit=ops/circuit-model",
                "-Dchatroute.retry.initial-delay=10ms",
                "-Dchatroute.retry.max-delay=40ms",
                "-Dchatroute.retry.budget-min-retries=1000",
                "-Dchatroute.circuit-breaker.failure-threshold=3"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FAKE.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WildFly moves all its ports by one offset: one under which HTTP, HTTPS and both management ports are free. */
    private static int freeWildflyOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 30000);
            if (List.of(8080, 8443, 9990, 9993).stream().allMatch(p -> free(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
