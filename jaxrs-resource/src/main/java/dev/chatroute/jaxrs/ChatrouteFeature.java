package dev.chatroute.jaxrs;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.jaxrs.internal.ChatRouteSelector;
import dev.chatroute.jaxrs.internal.Gateways;
import dev.chatroute.jaxrs.internal.RefusedCallMapper;
import dev.chatroute.jaxrs.internal.StreamHeadersFilter;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the chat route: the resource (and, with {@code chatroute.openai.enabled}, the OpenAI
 * facade's {@link OpenAiResource}), the filter that picks JSON or stream, the filter that
 * puts the stream's headers on, and the mapper for refused calls. Uses only the JAX-RS API.
 *
 * <p>Give it the application's gateway ({@link #ChatrouteFeature(Chatroute)}), so the JAX-RS and
 * servlet routes share limits, and close the gateway when the application stops. The no-argument
 * form (for registering the feature by class, say in {@code Application.getClasses()} or a
 * provider init-param) looks for the application's gateway, in this order: the configuration
 * property {@link #GATEWAY_PROPERTY}; the servlet context attribute of the same name, published by
 * {@code ChatrouteListener} or by the CDI integration; the {@link Chatroute} bean where CDI runs.
 * Failing all three, it builds one from the application's {@code chatroute.*} properties, which
 * nothing closes when the application stops.
 *
 * <p>A feature may register resources on Jersey but not on RESTEasy, where the JAX-RS API lets
 * features register providers only. The portable registration is by class:
 * {@code Application.getClasses()} returning {@link #classes()}, over the shared gateway.
 */
public final class ChatrouteFeature implements Feature {

    /** A configuration property that may hold the {@link Chatroute} to use. */
    public static final String GATEWAY_PROPERTY = Chatroute.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(ChatrouteFeature.class);

    private final Chatroute gateway;

    /** Set by the JAX-RS runtime when it creates the feature from its class. */
    @Context
    private ServletContext servletContext;

    public ChatrouteFeature() {
        this.gateway = null;
    }

    public ChatrouteFeature(Chatroute gateway) {
        this.gateway = gateway;
    }

    /**
     * The route's resources and providers, for {@code Application.getClasses()} on any JAX-RS
     * implementation; {@link OpenAiResource} answers 404 unless {@code chatroute.openai.enabled}. They use the application's shared gateway, published by
     * {@code ChatrouteListener} or by the CDI integration.
     */
    public static Set<Class<?>> classes() {
        return Set.of(ChatResource.class, OpenAiResource.class, ChatRouteSelector.class, StreamHeadersFilter.class,
                RefusedCallMapper.class);
    }

    @Override
    public boolean configure(FeatureContext context) {
        Chatroute chatroute = gateway != null ? gateway : fromConfiguration(context);
        context.register(new ChatResource(chatroute));
        if (chatroute.openAiEnabled()) {
            context.register(new OpenAiResource(chatroute)); // at v1: v1/chat/completions, v1/models
        }
        context.register(new ChatRouteSelector(chatroute));
        context.register(StreamHeadersFilter.class);
        context.register(RefusedCallMapper.class);
        return true;
    }

    private Chatroute fromConfiguration(FeatureContext context) {
        Map<String, Object> properties = context.getConfiguration().getProperties();
        if (properties.get(GATEWAY_PROPERTY) instanceof Chatroute given) {
            return given;
        }
        Chatroute shared = Gateways.find(servletContext());
        if (shared != null) {
            return shared;
        }
        LOG.warn("ChatrouteFeature found no application gateway and builds its own, which nothing closes when the "
                + "application stops: declare ChatrouteListener in web.xml, or pass the gateway to the feature");
        Map<String, String> params = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value instanceof String s) {
                params.put(key, s);
            }
        });
        return Chatroute.create(ChatrouteConfig.standard(params));
    }

    private ServletContext servletContext() {
        try {
            return servletContext == null || servletContext.getAttributeNames() == null ? null : servletContext;
        } catch (RuntimeException e) {
            return null; // a runtime that injects a proxy usable only during requests
        }
    }
}
