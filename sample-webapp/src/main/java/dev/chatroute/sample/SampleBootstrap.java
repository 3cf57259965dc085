package dev.chatroute.sample;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.servlet.ChatrouteListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the sample's monitoring on before {@link ChatrouteListener} builds the gateway (so it is
 * declared first in web.xml): a Prometheus registry for {@code GET /metrics}, handed over as
 * {@link ChatrouteListener#METER_REGISTRY}, and, when {@code chatroute.ledger=jdbc} names no
 * database, an embedded H2 file in the container's work directory
 * ({@code jakarta.servlet.context.tempdir}). The URL is set only when no other source names one, so
 * {@code CHATROUTE_CONFIG} still decides.
 */
public class SampleBootstrap implements ServletContextListener {

    /** Where {@link MetricsServlet} finds the registry (the gateway's own attribute holds an Object). */
    static final String REGISTRY = SampleBootstrap.class.getName() + ".registry";
    static final String LEDGER_URL_KEY = "chatroute.ledger.jdbc.url";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.setAttribute(REGISTRY, registry);
        context.setAttribute(ChatrouteListener.METER_REGISTRY, registry);
        ChatrouteConfig config = effectiveConfig(context);
        boolean ledgerOn = config.get("chatroute.ledger").map(v -> v.trim().equals("jdbc")).orElse(false);
        boolean databaseNamed = config.get(LEDGER_URL_KEY).isPresent() || config.get("chatroute.ledger.datasource").isPresent();
        if (ledgerOn && !databaseNamed) {
            context.setInitParameter(LEDGER_URL_KEY, "jdbc:h2:file:" + workDirectory(context).getAbsolutePath()
                    + File.separator + "chatroute-ledger");
        }
        if (ledgerOn) {
            // A container that set up JDBC before this app (Tomcat does) never finds the driver in WEB-INF/lib
            // by itself, so the pool would see "no suitable driver": register the H2 the sample ships.
            org.h2.Driver.load();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(REGISTRY) instanceof PrometheusMeterRegistry registry) {
            registry.close();
        }
        context.removeAttribute(REGISTRY);
        context.removeAttribute(ChatrouteListener.METER_REGISTRY);
        // After the gateway closed its ledger (listeners stop in reverse order). Only this app's own copy of
        // H2 is deregistered, so that DriverManager does not keep the app's class loader alive.
        if (org.h2.Driver.class.getClassLoader() == context.getClassLoader()) {
            org.h2.Driver.unload();
        }
    }

    static PrometheusMeterRegistry registry(ServletContext context) {
        return (PrometheusMeterRegistry) context.getAttribute(REGISTRY);
    }

    /** The settings as the listener will read them: the WAR's defaults, CHATROUTE_CONFIG, context-params. */
    private static ChatrouteConfig effectiveConfig(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            params.put(name, context.getInitParameter(name));
        }
        ChatrouteConfig.Builder builder = ChatrouteConfig.builder();
        String defaults = params.get("chatroute.defaults");
        if (defaults != null && !defaults.isBlank()) {
            try (InputStream in = context.getResourceAsStream(defaults.trim())) {
                if (in != null) {
                    builder.properties(in); // a missing resource is the listener's to report
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.standard(params).build();
    }

    /** The container's private temporary directory for this application, or ./chatroute-work. */
    private static File workDirectory(ServletContext context) {
        if (context.getAttribute(ServletContext.TEMPDIR) instanceof File temp && temp.isDirectory()) {
            return temp;
        }
        File work = new File("chatroute-work");
        if (!work.isDirectory() && !work.mkdirs()) {
            throw new IllegalStateException("cannot create the ledger's directory " + work.getAbsolutePath());
        }
        return work;
    }
}
