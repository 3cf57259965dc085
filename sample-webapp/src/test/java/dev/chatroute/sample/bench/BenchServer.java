package dev.chatroute.sample.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server JVM of the load run, started by {@link RunLoad} as a child process so that its CPU,
 * memory and threads can be read from {@code /proc} without the load generator's. Prints
 * {@code PORT <n>} when it listens, and exits when its standard input closes (its parent died or
 * is done), so it never outlives the run.
 *
 * <p>{@code BenchServer chatroute <providerBaseUrl>}: the sample webapp from its real web.xml
 * (as {@code SampleServer} starts it), limits off, the usage log line off (root logger at WARN);
 * any {@code -Dchatroute.*} system property overrides these settings (the gateway reads them last).
 * <br>{@code BenchServer proxy <providerBaseUrl>}: the baseline, Jetty's {@code ProxyServlet.Transparent}
 * forwarding {@code /v1/*} to the provider. Run from the sample-webapp module directory.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BenchServer chatroute|proxy <providerBaseUrl>");
        }
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN); // no usage line per call: it would cost more than the call

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096); // a burst of thousands of connects, as in production behind a balancer
        server.addConnector(connector);
        server.setHandler(args[0].equals("proxy") ? proxy(args[1]) : chatroute(args[1]));
        try {
            server.start();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // Jetty's threads would keep a half-started server alive, and the parent waiting
        }
        System.out.println("PORT " + connector.getLocalPort());
        System.out.flush();
        waitForParent();
        server.stop();
        System.exit(0);
    }

    private static WebAppContext chatroute(String providerBaseUrl) {
        Path webappDir = Path.of("src/main/webapp");
        if (!Files.isDirectory(webappDir)) {
            throw new IllegalStateException("run from the sample-webapp module directory");
        }
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(webappDir);
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        settings(providerBaseUrl).forEach(webapp::setInitParameter);
        return webapp;
    }

    /** The run's settings; {@code -Dchatroute.*} properties win over them. */
    static Map<String, String> settings(String providerBaseUrl) {
        Map<String, String> s = new TreeMap<>();
        s.put("chatroute.providers.fake.type", "openai-compatible");
        s.put("chatroute.providers.fake.base-url", providerBaseUrl);
        s.put("chatroute.providers.fake.api-key", "sk-load-benchmark");
        s.put("chatroute.models.default", "fake/fake-model");
        s.put("chatroute.limits.requests-per-minute", "off");
        s.put("chatroute.limits.tokens-per-day", "off");
        s.put("chatroute.limits.concurrent-streams", "off");
        // The fake's slowness under load is what is measured, not a provider failure to act on.
        s.put("chatroute.circuit-breaker.failure-threshold", "10000");
        return s;
    }

    private static ServletContextHandler proxy(String providerBaseUrl) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(ProxyServlet.Transparent.class);
        holder.setInitParameter("proxyTo", providerBaseUrl);
        holder.setInitParameter("prefix", "/v1");
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/v1/*");
        return context;
    }

    private static void waitForParent() {
        try {
            while (System.in.read() >= 0) {
                // anything the parent writes is ignored; only the end of input matters
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone too
        }
    }
}
