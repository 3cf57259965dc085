package dev.chatroute.sample;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;

/**
 * Plays the application's SSO for tests: a call with {@code X-Test-User} (and optionally
 * {@code X-Test-Roles}) reaches the app as that signed-in user, as a real SSO filter would set it.
 */
public class FakeSsoFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        String user = http.getHeader("X-Test-User");
        if (user == null) {
            chain.doFilter(req, res);
            return;
        }
        String roles = http.getHeader("X-Test-Roles");
        Set<String> held = roles == null ? Set.of() : Set.copyOf(Arrays.asList(roles.split(",")));
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return held.contains(role);
            }
        }, res);
    }
}
