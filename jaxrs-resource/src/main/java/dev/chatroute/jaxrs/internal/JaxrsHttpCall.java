package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.HttpCall;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/** The JAX-RS request, as the core sees it. */
public final class JaxrsHttpCall implements HttpCall {

    private final String method;
    private final HttpHeaders headers;
    private final SecurityContext security;
    private final HttpServletRequest servletRequest;
    private final InputStream body;

    /**
     * @param servletRequest the underlying servlet request, for the peer address; null outside a
     *     servlet container
     */
    public JaxrsHttpCall(String method, HttpHeaders headers, SecurityContext security,
            HttpServletRequest servletRequest, InputStream body) {
        this.method = method;
        this.headers = headers;
        this.security = security;
        this.servletRequest = servletRequest;
        this.body = body == null ? InputStream.nullInputStream() : body;
    }

    @Override
    public String method() {
        return method;
    }

    /**
     * The first line, as the servlet route reads it ({@code getHeaderString} would join every line
     * with commas, so a repeated header would read differently on the two routes).
     */
    @Override
    public String header(String name) {
        List<String> lines = headers(name);
        return lines.isEmpty() ? null : lines.get(0);
    }

    /**
     * Every line in order: Jersey and RESTEasy both fill {@code getRequestHeader} from the servlet's
     * {@code getHeaders}, one element per line, without splitting at commas.
     */
    @Override
    public List<String> headers(String name) {
        List<String> lines = headers.getRequestHeader(name);
        return lines == null ? List.of() : lines.stream().filter(Objects::nonNull).toList();
    }

    @Override
    public long contentLength() {
        return headers.getLength();
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public String remoteAddress() {
        return servletRequest == null ? null : servletRequest.getRemoteAddr();
    }

    @Override
    public String scheme() {
        return servletRequest != null ? servletRequest.getScheme() : security.isSecure() ? "https" : "http";
    }

    @Override
    public String principalName() {
        return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return security.isUserInRole(role);
    }
}
