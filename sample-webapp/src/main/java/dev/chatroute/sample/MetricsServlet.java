package dev.chatroute.sample;

import dev.chatroute.GuardOutcome;
import dev.chatroute.servlet.ChatrouteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the gateway's meters in Prometheus text format, for callers in
 * {@code chatroute.metrics.allowed-addresses} (default loopback) whatever the identity mode, so a
 * scraper needs no SSO; anyone else gets 403 {@code metrics_not_allowed}.
 */
public class MetricsServlet extends HttpServlet {

    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        GuardOutcome access = ChatrouteListener.gateway(request.getServletContext())
                .mayScrapeMetrics(ChatrouteListener.httpCall(request));
        Outcomes.write(access, response);
        if (!access.allowed()) {
            return;
        }
        byte[] body = SampleBootstrap.registry(request.getServletContext()).scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(TEXT_FORMAT);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
