package dev.chatroute.jaxrs.internal;

import dev.chatroute.Chatroute;
import dev.chatroute.jaxrs.ChatResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Picks the resource method for a chat call, and for a call of the OpenAI facade's
 * {@code v1/chat/completions}, which streams on {@code "stream": true} alone. {@code "stream": true} in the body asks for a stream
 * just as {@code Accept: text/event-stream} does, but JAX-RS matches methods on headers alone; so
 * before matching, this filter peeks at the body (up to the size limit, then puts it back) and sets
 * {@code Accept} to what the core will answer with.
 */
@PreMatching
public final class ChatRouteSelector implements ContainerRequestFilter {

    private final Chatroute gateway;

    /** Set by the JAX-RS runtime; used to find the shared gateway when none was given. */
    @Context
    private HttpServletRequest servletRequest;

    /** A selector over the application's shared gateway, found per call. */
    public ChatRouteSelector() {
        this.gateway = null;
    }

    public ChatRouteSelector(Chatroute gateway) {
        this.gateway = gateway;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String path = request.getUriInfo().getPath();
        boolean facade = isFacadePath(path); // OpenAI's SDKs ask for a stream in the body alone, whatever they accept
        if (!facade && !isChatPath(path)) {
            return;
        }
        readableForMatching(request);
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        Chatroute gateway = this.gateway != null ? this.gateway : Gateways.shared(servletRequest.getServletContext());
        byte[] peeked = new byte[0];
        if (request.getLength() <= gateway.maxBodyBytes()) {
            InputStream body = request.getEntityStream();
            peeked = body.readNBytes(gateway.maxBodyBytes() + 1);
            request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(peeked), body));
        }
        boolean stream = gateway.wantsStream(facade ? null : request.getHeaderString(HttpHeaders.ACCEPT), peeked);
        request.getHeaders().putSingle(HttpHeaders.ACCEPT,
                stream ? MediaType.SERVER_SENT_EVENTS : MediaType.APPLICATION_JSON);
    }

    /**
     * JAX-RS parses {@code Content-Type} and {@code Accept} to match a method, and refuses what it
     * cannot parse with its own HTML 400 before the core sees the call; so here an unreadable type
     * is replaced by one the core refuses (415), and an unreadable {@code Accept} is dropped. Jersey
     * parses {@code Content-Type} even before this filter: {@code ReadableHeadersFilter} covers that.
     */
    private static void readableForMatching(ContainerRequestContext request) {
        java.util.List<String> types = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (types != null && types.size() > 1) {
            // Read it as a servlet container does: the first line.
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, types.get(0));
        }
        try {
            request.getMediaType();
        } catch (RuntimeException unreadable) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, dev.chatroute.jaxrs.ReadableHeadersFilter.UNREADABLE_TYPE);
        }
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException unreadable) {
            request.getHeaders().remove(HttpHeaders.ACCEPT);
        }
    }

    private static boolean isChatPath(String path) {
        return is(path, ChatResource.PATH);
    }

    private static boolean isFacadePath(String path) {
        return is(path, dev.chatroute.jaxrs.OpenAiResource.PATH + "/chat/completions");
    }

    private static boolean is(String path, String resource) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.equals(resource) || trimmed.equals(resource + "/");
    }
}
