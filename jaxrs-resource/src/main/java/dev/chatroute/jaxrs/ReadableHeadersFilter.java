package dev.chatroute.jaxrs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Map this in front of the JAX-RS servlet that serves the chat route (async-supported, like that
 * servlet), so that a call whose {@code Content-Type} JAX-RS cannot read gets the contract's JSON
 * answer, as on the servlet route, rather than the container's HTML 400: Jersey parses that header
 * before any JAX-RS filter or resource runs, and answers a failure with {@code sendError}. A type
 * that does not parse (such as {@code ;}) is shown to the JAX-RS runtime as one the core refuses
 * (415); repeated {@code Content-Type} lines as the first, which is what the servlet container, and
 * so the servlet route, reads; an {@code Accept} that does not parse as none.
 */
public class ReadableHeadersFilter extends HttpFilter {

    /** Stands in for a {@code Content-Type} that does not parse; the core answers it 415. */
    public static final String UNREADABLE_TYPE = "application/x-unreadable-content-type";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType();
        boolean typeReadable = type == null || parses(type);
        boolean acceptReadable = acceptParses(request);
        boolean oneType = Collections.list(request.getHeaders("Content-Type")).size() <= 1;
        chain.doFilter(typeReadable && acceptReadable && oneType ? request
                : new Readable(request, typeReadable, acceptReadable), response);
    }

    private static boolean parses(String mediaType) {
        try {
            MediaType.valueOf(mediaType);
            return true;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static boolean acceptParses(HttpServletRequest request) {
        for (String line : Collections.list(request.getHeaders("Accept"))) {
            for (String range : line.split(",")) {
                if (!range.isBlank() && !parses(range.trim())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final class Readable extends HttpServletRequestWrapper {
        private final boolean typeReadable;
        private final boolean acceptReadable;

        Readable(HttpServletRequest request, boolean typeReadable, boolean acceptReadable) {
            super(request);
            this.typeReadable = typeReadable;
            this.acceptReadable = acceptReadable;
        }

        @Override
        public String getContentType() {
            return typeReadable ? super.getContentType() : UNREADABLE_TYPE;
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase("Content-Type")) {
                return getContentType();
            }
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (name.equalsIgnoreCase("Content-Type")) {
                String type = getContentType();
                return Collections.enumeration(type == null ? List.of() : List.of(type));
            }
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        private boolean hidden(String name) {
            return !acceptReadable && name.equalsIgnoreCase("Accept");
        }
    }
}
