package dev.chatroute.sample.sdk;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the requests that reach the sample's facade, in front of everything else, so that a test
 * sees each of an SDK's retries (and when it came), not only the calls that reached the provider.
 */
public class FacadeRequests implements Filter {

    /** One request: its path, the SDK's own retry counter and when it arrived ({@link System#nanoTime}). */
    record Seen(String path, String retryCount, long atNanos) {
    }

    private static final int MAX = 1_000; // a test makes a handful; the bound keeps a runaway loop from eating memory
    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    static List<Seen> seen() {
        return List.copyOf(SEEN);
    }

    static void clear() {
        SEEN.clear();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = ((HttpServletRequest) req).getRequestURI();
        if ((path.startsWith("/v1/") || path.startsWith("/servlet/v1/")) && SEEN.size() < MAX) {
            SEEN.add(new Seen(path, ((HttpServletRequest) req).getHeader("X-Stainless-Retry-Count"), System.nanoTime()));
        }
        chain.doFilter(req, res);
    }
}
