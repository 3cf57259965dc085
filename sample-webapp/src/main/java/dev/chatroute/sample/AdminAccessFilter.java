package dev.chatroute.sample;

import dev.chatroute.GuardOutcome;
import dev.chatroute.servlet.ChatrouteListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Everything under {@code /admin/} (the usage dashboard, its script and its JSON) is for whoever
 * the gateway says may read usage ({@code chatroute.admin-role}, or loopback in anonymous mode);
 * anyone else gets 403 {@code usage_not_allowed}.
 */
public class AdminAccessFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        GuardOutcome access = ChatrouteListener.gateway(request.getServletContext())
                .mayReadUsage(ChatrouteListener.httpCall(request));
        Outcomes.write(access, (HttpServletResponse) res);
        if (access.allowed()) {
            chain.doFilter(req, res);
        }
    }
}
