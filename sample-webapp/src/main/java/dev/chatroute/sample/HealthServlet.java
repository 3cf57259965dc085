package dev.chatroute.sample;

import dev.chatroute.Chatroute;
import dev.chatroute.Health;
import dev.chatroute.servlet.ChatrouteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health}: the gateway's {@link Health} as JSON, 200 when it can answer and 503 when
 * not, for a load balancer or a readiness probe. It names providers and models, never a key.
 */
public class HealthServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Chatroute gateway = ChatrouteListener.gateway(request.getServletContext());
        Health health = gateway.health();
        response.setStatus(health.usable() ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(health.toJson());
    }
}
