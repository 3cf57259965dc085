package dev.chatroute.jaxrs.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.Map;

/** Puts the headers the core chose for a stream (X-Request-Id, Cache-Control...) on the SSE response. */
public final class StreamHeadersFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SseChannel.HEADERS) instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> {
                if (!"Content-Type".equalsIgnoreCase(name.toString())) {
                    response.getHeaders().putSingle(name.toString(), value);
                }
            });
        }
    }
}
