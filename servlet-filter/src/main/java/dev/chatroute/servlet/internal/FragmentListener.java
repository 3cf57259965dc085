package dev.chatroute.servlet.internal;

import dev.chatroute.Chatroute;
import dev.chatroute.servlet.ChatrouteFilter;
import dev.chatroute.servlet.ChatrouteListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declared by the jar's {@code web-fragment.xml}, and idle unless the application opts in with the
 * context-param {@value #ENABLED}{@code =true}. Then it does what web.xml would: starts the
 * gateway as {@link ChatrouteListener} does, and maps {@link ChatrouteFilter} (async) at the
 * gateway's path, after the application's own filters so that its SSO runs first.
 */
public final class FragmentListener implements ServletContextListener {

    /** The context-param that turns the fragment on. */
    public static final String ENABLED = "chatroute.enabled";
    static final String FILTER_NAME = "chatroute";

    private static final Logger LOG = LoggerFactory.getLogger(FragmentListener.class);

    private ChatrouteListener gateway;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String enabled = context.getInitParameter(ENABLED);
        if (enabled == null || !enabled.trim().equalsIgnoreCase("true")) {
            return;
        }
        gateway = new ChatrouteListener();
        gateway.contextInitialized(event);
        if (context.getFilterRegistration(FILTER_NAME) != null) {
            LOG.info("Chatroute: the application declares a filter named '{}'; the web fragment maps none", FILTER_NAME);
            return;
        }
        Chatroute chatroute = ChatrouteListener.gateway(context);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, ChatrouteFilter.class);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, chatroute.path());
        if (chatroute.openAiEnabled()) { // the OpenAI-compatible facade's paths, below chatroute.openai.path
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, chatroute.openAiPath() + "/*");
        }
        LOG.info("Chatroute: enabled by {}, route at {}", ENABLED, chatroute.path());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (gateway != null) {
            gateway.contextDestroyed(event);
            gateway = null;
        }
    }
}
