package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.HttpCall;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;

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

    @Override
    public String header(String name) {
        return headers.getHeaderString(name);
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
