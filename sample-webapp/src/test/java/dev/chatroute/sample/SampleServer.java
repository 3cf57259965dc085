package dev.chatroute.sample;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import dev.chatroute.testing.FakeProvider;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The sample webapp on real embedded Jetty, from its real web.xml, on a free loopback port. The
 * classes come from the test class path, so a test sees its own edits without packaging a WAR.
 */
public final class SampleServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private SampleServer(Map<String, String> contextParams, Class<? extends Filter>[] firstFilters) throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        Path webappDir = Path.of("src/main/webapp");
        if (!Files.isDirectory(webappDir)) {
            throw new IllegalStateException("run the tests from the sample-webapp module directory");
        }
        webapp.setBaseResourceAsPath(webappDir);
        webapp.setParentLoaderPriority(true);
        // The WebJars' META-INF/resources sit on the test class path, not in WEB-INF/lib: serve them too.
        webapp.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern", ".*/org/webjars/.*\\.jar$");
        webapp.setThrowUnavailableOnStartupException(true);
        contextParams.forEach(webapp::setInitParameter);
        for (Class<? extends Filter> filter : firstFilters) {
            FilterHolder holder = webapp.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            holder.setAsyncSupported(true);
        }
        server.setHandler(webapp);
        server.start();
    }

    /**
     * The settings of a sample whose one provider, {@code fake} of type {@code openai-compatible},
     * is this fake provider with key {@code apiKey}, and {@code default = fake/fake-model};
     * {@code extra} adds settings or overrides these. The map is the caller's to change.
     */
    public static Map<String, String> overFake(FakeProvider fake, String apiKey, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "chatroute.providers.fake.type", "openai-compatible",
                "chatroute.providers.fake.base-url", fake.baseUrl().toString(),
                "chatroute.providers.fake.api-key", apiKey,
                "chatroute.models.default", "fake/fake-model"));
        settings.putAll(extra);
        return settings;
    }

    /** Starts the sample with these context-params (the {@code chatroute.*} settings). */
    @SafeVarargs
    public static SampleServer start(Map<String, String> contextParams, Class<? extends Filter>... firstFilters) {
        try {
            return new SampleServer(contextParams, firstFilters);
        } catch (Exception e) {
            throw new IllegalStateException("the sample webapp did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
