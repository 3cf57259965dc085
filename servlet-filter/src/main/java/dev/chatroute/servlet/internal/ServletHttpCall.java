package dev.chatroute.servlet.internal;

import dev.chatroute.spi.HttpCall;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** The servlet request, as the core sees it. */
public final class ServletHttpCall implements HttpCall {

    private final HttpServletRequest request;

    public ServletHttpCall(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    /** Each line as the container received it ({@code getHeaders}: one element per line, not split at commas). */
    @Override
    public List<String> headers(String name) {
        Enumeration<String> lines = request.getHeaders(name);
        return lines == null ? List.of() : Collections.list(lines);
    }

    @Override
    public long contentLength() {
        return request.getContentLengthLong();
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public String scheme() {
        return request.getScheme();
    }

    @Override
    public String principalName() {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.isUserInRole(role);
    }
}
