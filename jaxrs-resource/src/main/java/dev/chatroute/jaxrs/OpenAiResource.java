package dev.chatroute.jaxrs;

import dev.chatroute.Chatroute;
import dev.chatroute.Exchange;
import dev.chatroute.GuardOutcome;
import dev.chatroute.jaxrs.internal.AsyncResponseChannel;
import dev.chatroute.jaxrs.internal.Gateways;
import dev.chatroute.jaxrs.internal.JaxrsHttpCall;
import dev.chatroute.jaxrs.internal.RefusedCall;
import dev.chatroute.jaxrs.internal.Responses;
import dev.chatroute.jaxrs.internal.SseChannel;
import dev.chatroute.servlet.internal.ClientWatch;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ConnectionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.InputStream;
import java.time.Duration;

/**
 * The OpenAI-compatible facade as a JAX-RS resource, at {@code v1} below the application path
 * ({@code POST v1/chat/completions}, {@code GET v1/models}, {@code GET v1/models/{id}}), served only
 * while {@code chatroute.openai.enabled} is true (a 404 otherwise). Like {@link ChatResource} it only
 * translates; {@code ChatRouteSelector} picks the stream method by the body's {@code "stream": true},
 * as OpenAI's SDKs ask for one.
 *
 * <p>A facade stream sends its 200 only with its first chunk, so that a refusal or a provider
 * failure before it is an HTTP status an SDK retries. JAX-RS commits an {@link SseEventSink}'s 200
 * once the resource method has returned (Jersey at once, RESTEasy with the first event), so the
 * stream method holds its request thread until the core has opened the stream or answered with
 * JSON, which the call's first-token and total timeouts bound. That is one container thread per
 * facade stream while it waits for its first chunk, and none after; the chat route's streams
 * ({@code /api/chat}), which open at once, never hold one.
 */
@Path(OpenAiResource.PATH)
public class OpenAiResource {

    public static final String PATH = "v1";

    /** A call the core never answers is let go after this; the core's own timeouts end every call long before. */
    private static final Duration BACKSTOP = Duration.ofHours(1);

    private final Chatroute gateway;

    /** A resource over the application's shared gateway, found per call. */
    public OpenAiResource() {
        this.gateway = null;
    }

    public OpenAiResource(Chatroute gateway) {
        this.gateway = gateway;
    }

    private Chatroute gateway(HttpServletRequest request) {
        Chatroute chatroute = gateway != null ? gateway : Gateways.shared(request.getServletContext());
        if (!chatroute.openAiEnabled()) {
            throw new NotFoundException(); // registered by class, but switched off
        }
        return chatroute;
    }

    /** A streamed answer ({@code "stream": true}); returns once the stream opened or the call was answered. */
    @POST
    @Path("chat/completions")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(InputStream body, @Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Context SseEventSink sink, @Context Sse sse) {
        Chatroute chatroute = gateway(servletRequest);
        SseChannel channel = new SseChannel(sink, sse, servletRequest);
        ClientWatch watch = ClientWatch.of(servletRequest);
        Exchange exchange = chatroute.serveOpenAi(new JaxrsHttpCall("POST", headers, security, servletRequest, body),
                watch.around(channel));
        channel.onClientGone(watch::stop);
        watch.attach(exchange);
        if (!channel.awaitOpenOrAnswer(BACKSTOP)) {
            exchange.cancel();
        }
        RefusedCall refusal = channel.refusal();
        if (refusal != null) {
            throw refusal; // the status the core chose, as JSON (RefusedCallMapper)
        }
        channel.resourceMethodReturning();
    }

    /** A JSON answer. */
    @POST
    @Path("chat/completions")
    @Produces(MediaType.APPLICATION_JSON)
    public void answer(InputStream body, @Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("POST", headers, security, servletRequest, body), async);
    }

    /** CORS preflights, and a JSON 405 for a GET, answered by the core. */
    @OPTIONS
    @Path("chat/completions")
    public void options(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("OPTIONS", headers, security, servletRequest, null), async);
    }

    @GET
    @Path("chat/completions")
    public void get(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("GET", headers, security, servletRequest, null), async);
    }

    @GET
    @Path("models")
    @Produces(MediaType.APPLICATION_JSON)
    public Response models(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest) {
        return models(servletRequest, new JaxrsHttpCall("GET", headers, security, servletRequest, null), null);
    }

    @GET
    @Path("models/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response model(@PathParam("id") String id, @Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest) {
        return models(servletRequest, new JaxrsHttpCall("GET", headers, security, servletRequest, null), id);
    }

    private Response models(HttpServletRequest servletRequest, JaxrsHttpCall call, String id) {
        GuardOutcome outcome = gateway(servletRequest).openAiModels(call, id);
        return Responses.json(outcome.status(), outcome.headers(), outcome.body());
    }

    private void serve(HttpServletRequest servletRequest, JaxrsHttpCall call, AsyncResponse async) {
        ClientWatch watch = ClientWatch.of(servletRequest);
        Exchange exchange = gateway(servletRequest).serveOpenAi(call, watch.around(new AsyncResponseChannel(async)));
        async.register((ConnectionCallback) disconnected -> {
            watch.stop();
            exchange.cancel();
        });
        watch.attach(exchange);
    }
}
