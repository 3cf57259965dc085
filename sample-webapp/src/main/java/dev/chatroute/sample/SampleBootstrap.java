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
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(REGISTRY) instanceof PrometheusMeterRegistry registry) {
            registry.close();
        }
        context.removeAttribute(REGISTRY);
        context.removeAttribute(ChatrouteListener.METER_REGISTRY);
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
