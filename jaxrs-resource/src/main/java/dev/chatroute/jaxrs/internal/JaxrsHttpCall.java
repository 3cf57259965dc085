package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.HttpCall;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;

/** The JAX-RS request, as the core sees it. */
public final class JaxrsHttpCall implements HttpCall {

    private final String method;
    private final HttpHeaders headers;
    private final InputStream body;

    public JaxrsHttpCall(String method, HttpHeaders headers, InputStream body) {
        this.method = method;
        this.headers = headers;
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
        return null; // JAX-RS has no portable peer address
    }
}
