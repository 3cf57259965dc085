package dev.chatroute.jaxrs;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.jaxrs.internal.ChatRouteSelector;
import dev.chatroute.jaxrs.internal.RefusedCallMapper;
import dev.chatroute.jaxrs.internal.StreamHeadersFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers the chat route: the resource, the filter that picks JSON or stream, the filter that
 * puts the stream's headers on, and the mapper for refused calls. Uses only the JAX-RS API.
 *
 * <p>Give it the application's gateway ({@link #ChatrouteFeature(Chatroute)}), so the JAX-RS and
 * servlet routes share limits, and close the gateway when the application stops. The no-argument
 * form uses a gateway found in the configuration property {@link #GATEWAY_PROPERTY}, or else
 * builds one from the application's {@code chatroute.*} properties.
 */
public final class ChatrouteFeature implements Feature {

    /** A configuration property that may hold the {@link Chatroute} to use. */
    public static final String GATEWAY_PROPERTY = Chatroute.class.getName();

    private final Chatroute gateway;

    public ChatrouteFeature() {
        this.gateway = null;
    }

    public ChatrouteFeature(Chatroute gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean configure(FeatureContext context) {
        Chatroute chatroute = gateway != null ? gateway : fromConfiguration(context);
        context.register(new ChatResource(chatroute));
        context.register(new ChatRouteSelector(chatroute));
        context.register(StreamHeadersFilter.class);
        context.register(RefusedCallMapper.class);
        return true;
    }

    private static Chatroute fromConfiguration(FeatureContext context) {
        Map<String, Object> properties = context.getConfiguration().getProperties();
        if (properties.get(GATEWAY_PROPERTY) instanceof Chatroute given) {
            return given;
        }
        Map<String, String> params = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value instanceof String s) {
                params.put(key, s);
            }
        });
        return Chatroute.create(ChatrouteConfig.standard(params));
    }
}
