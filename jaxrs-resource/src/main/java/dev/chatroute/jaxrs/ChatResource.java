package dev.chatroute.jaxrs;

import dev.chatroute.Chatroute;
import dev.chatroute.Exchange;
import dev.chatroute.jaxrs.internal.AsyncResponseChannel;
import dev.chatroute.jaxrs.internal.Gateways;
import dev.chatroute.jaxrs.internal.JaxrsHttpCall;
import dev.chatroute.jaxrs.internal.RefusedCall;
import dev.chatroute.jaxrs.internal.SseChannel;
import dev.chatroute.servlet.internal.ClientWatch;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ConnectionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.InputStream;

/**
 * The chat route as a JAX-RS resource, at {@code chat} below the application path (an
 * {@code @ApplicationPath("api")} gives {@code /api/chat}). It only translates: the gateway
 * decides everything, exactly as for the servlet filter. Register it through {@link ChatrouteFeature},
 * or by class with {@link ChatrouteFeature#classes()}: it then uses the application's shared gateway.
 */
@Path(ChatResource.PATH)
public class ChatResource {

    public static final String PATH = "chat";

    private final Chatroute gateway;

    /** A resource over the application's shared gateway (the one {@code ChatrouteListener} or CDI made), found per call. */
    public ChatResource() {
        this.gateway = null;
    }

    public ChatResource(Chatroute gateway) {
        this.gateway = gateway;
    }

    private Chatroute gateway(HttpServletRequest request) {
        return gateway != null ? gateway : Gateways.shared(request.getServletContext());
    }

    /** A streamed answer; chosen when the call asks for one (see {@code ChatRouteSelector}). */
    @POST
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(InputStream body, @Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Context SseEventSink sink, @Context Sse sse) {
        SseChannel channel = new SseChannel(sink, sse, servletRequest);
        ClientWatch watch = ClientWatch.of(servletRequest); // a client gone before the first token is seen only here
        Exchange exchange = gateway(servletRequest).serve(new JaxrsHttpCall("POST", headers, security, servletRequest, body),
                watch.around(channel));
        channel.onClientGone(watch::stop); // the core itself hears of it through the channel's callbacks
        watch.attach(exchange);
        RefusedCall refusal = channel.refusal();
        if (refusal != null) {
            throw refusal; // answered by RefusedCallMapper with the core's JSON error and status
        }
        channel.resourceMethodReturning(); // only now may writer threads send
    }

    /** A JSON answer. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public void answer(InputStream body, @Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("POST", headers, security, servletRequest, body), async);
    }

    /** CORS preflights and plain OPTIONS, answered by the core like every other method. */
    @OPTIONS
    public void options(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("OPTIONS", headers, security, servletRequest, null), async);
    }

    @GET
    public void get(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("GET", headers, security, servletRequest, null), async);
    }

    @PUT
    public void put(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("PUT", headers, security, servletRequest, null), async);
    }

    @DELETE
    public void delete(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("DELETE", headers, security, servletRequest, null), async);
    }

    @PATCH
    public void patch(@Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        serve(servletRequest, new JaxrsHttpCall("PATCH", headers, security, servletRequest, null), async);
    }

    private void serve(HttpServletRequest servletRequest, JaxrsHttpCall call, AsyncResponse async) {
        ClientWatch watch = ClientWatch.of(servletRequest); // JAX-RS calls ConnectionCallback only after a failed write
        Exchange exchange = gateway(servletRequest).serve(call, watch.around(new AsyncResponseChannel(async)));
        async.register((ConnectionCallback) disconnected -> {
            watch.stop();
            exchange.cancel();
        });
        watch.attach(exchange);
    }
}
