package dev.chatroute.sample;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The sample's browser-facing hardening, on every response (the page, its scripts, both chat
 * routes): no content sniffing, and a Content-Security-Policy that lets the page load only its own
 * scripts, styles and calls, and be framed only by itself (clickjacking). The page has no inline
 * script or style, so nothing needs {@code 'unsafe-inline'}.
 */
public class SecurityHeadersFilter implements Filter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (res instanceof HttpServletResponse http) {
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Content-Security-Policy", POLICY);
            http.setHeader("X-Frame-Options", "SAMEORIGIN"); // frame-ancestors for browsers without CSP 2
            http.setHeader("Referrer-Policy", "same-origin");
        }
        chain.doFilter(req, res);
    }
}
