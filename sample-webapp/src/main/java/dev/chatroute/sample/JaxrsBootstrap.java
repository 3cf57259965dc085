package dev.chatroute.sample;

import dev.chatroute.Chatroute;
import dev.chatroute.jaxrs.ChatrouteFeature;
import dev.chatroute.jaxrs.OpenAiResource;
import dev.chatroute.jaxrs.ReadableHeadersFilter;
import dev.chatroute.servlet.ChatrouteListener;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;

/**
 * Mounts the JAX-RS route at {@code /api/chat} on Jersey (and the OpenAI-compatible facade at
 * {@code /v1/...} when it is enabled), over the gateway that
 * {@link ChatrouteListener} (declared first in web.xml) published, so both routes share one
 * gateway and one set of limits.
 */
public class JaxrsBootstrap implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Chatroute gateway = ChatrouteListener.gateway(context);
        if (gateway == null) {
            throw new IllegalStateException("declare dev.chatroute.servlet.ChatrouteListener before "
                    + getClass().getName() + " in web.xml");
        }
        ResourceConfig app = new ResourceConfig()
                .register(new ChatrouteFeature(gateway))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true); // it needs JAXB, which we do not ship
        ServletRegistration.Dynamic jaxrs = context.addServlet("chatroute-jaxrs", new ServletContainer(app));
        jaxrs.addMapping("/api/*");
        jaxrs.setAsyncSupported(true);
        jaxrs.setLoadOnStartup(1);
        // A Content-Type Jersey cannot parse gets the JSON 415 of the servlet route, not an HTML 400.
        FilterRegistration.Dynamic readable = context.addFilter("chatroute-readable-headers",
                ReadableHeadersFilter.class);
        readable.setAsyncSupported(true);
        readable.addMappingForServletNames(null, false, "chatroute-jaxrs");
        if (gateway.openAiEnabled()) {
            readable.addMappingForUrlPatterns(null, false, "/" + OpenAiResource.PATH + "/*");
            mountFacade(context, gateway);
        }
    }

    /**
     * The OpenAI-compatible facade at {@code /v1/...}: the resource sits at {@code v1} below its
     * application's path, and {@code /api} is the chat route's, so a second Jersey application serves
     * it from the context root, as a filter that passes every other path down the chain (a servlet at
     * {@code /*} would take the static pages).
     */
    private static void mountFacade(ServletContext context, Chatroute gateway) {
        ResourceConfig app = new ResourceConfig()
                .register(new ChatrouteFeature(gateway))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServletProperties.FILTER_FORWARD_ON_404, true);
        FilterRegistration.Dynamic facade = context.addFilter("chatroute-openai", new ServletContainer(app));
        facade.setAsyncSupported(true);
        // Jersey takes a filter's url-pattern as its base path, and the resource is at v1: so the filter is
        // mapped at /* and lets everything outside /v1/ pass untouched, as static content.
        facade.setInitParameter(ServletProperties.FILTER_STATIC_CONTENT_REGEX, "(?!/" + OpenAiResource.PATH + "/).*");
        facade.addMappingForUrlPatterns(null, true, "/*");
    }
}
