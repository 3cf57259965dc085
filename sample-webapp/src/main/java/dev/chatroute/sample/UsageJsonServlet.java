package dev.chatroute.sample;

import dev.chatroute.ApiErrorException;
import dev.chatroute.Chatroute;
import dev.chatroute.GuardOutcome;
import dev.chatroute.servlet.ChatrouteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /admin/usage.json?days=N}: the ledger's report of the last N UTC days, today included
 * (default 7, at most 400; anything else is 400 {@code invalid_parameter} or
 * {@code parameter_out_of_range}). Its access is {@link AdminAccessFilter}'s.
 */
public class UsageJsonServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Chatroute gateway = ChatrouteListener.gateway(request.getServletContext());
        String requestId = response.getHeader("X-Request-Id"); // set by the access check
        String json;
        try {
            json = gateway.usageOfLastDays(request.getParameter("days")).toJson();
        } catch (ApiErrorException refused) {
            Outcomes.write(GuardOutcome.refuse(requestId, refused.error()), response);
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
