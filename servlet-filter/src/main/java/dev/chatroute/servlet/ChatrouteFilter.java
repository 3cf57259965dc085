package dev.chatroute.servlet;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.Exchange;
import dev.chatroute.servlet.internal.AsyncServletChannel;
import dev.chatroute.servlet.internal.DisconnectListener;
import dev.chatroute.servlet.internal.ServletHttpCall;
import dev.chatroute.servlet.internal.ServletParams;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the chat route for applications without JAX-RS. Calls to the route path (init-param or
 * setting {@code chatroute.path}, default {@code /api/chat}) are answered here with async servlet
 * I/O: the container thread goes back to its pool while the provider works. Every other request
 * passes down the chain untouched.
 *
 * <p>The filter uses the gateway a {@link ChatrouteListener} published, or else makes its own from
 * the context-params and its init-params. Declare it with {@code <async-supported>true}.
 */
public class ChatrouteFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ChatrouteFilter.class);

    private Chatroute gateway;
    private boolean ownsGateway;
    private String path;

    public ChatrouteFilter() {
    }

    /** A filter over a gateway the application made in code; the application closes it. */
    public ChatrouteFilter(Chatroute gateway) {
        this.gateway = gateway;
    }

    @Override
    public void init(FilterConfig config) {
        if (gateway == null) {
            gateway = ChatrouteListener.gateway(config.getServletContext());
        }
        if (gateway == null) {
            gateway = Chatroute.create(ChatrouteConfig.standard(ServletParams.of(config)));
            ownsGateway = true;
        }
        String configured = config.getInitParameter("chatroute.path");
        path = configured == null || configured.isBlank() ? gateway.path() : configured.trim();
        LOG.info("Chatroute filter '{}' serves {}", config.getFilterName(), path);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest http && res instanceof HttpServletResponse && isRoute(http)) {
            serve(http);
        } else {
            chain.doFilter(req, res);
        }
    }

    private boolean isRoute(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) && uri.substring(context.length()).equals(path);
    }

    private void serve(HttpServletRequest request) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the gateway's own timeouts end every call
        AsyncServletChannel channel = new AsyncServletChannel(async);
        DisconnectListener listener = new DisconnectListener(channel);
        async.addListener(listener);
        Exchange exchange = gateway.serve(new ServletHttpCall(request), channel);
        listener.attach(exchange);
    }

    @Override
    public void destroy() {
        if (ownsGateway && gateway != null) {
            gateway.close();
        }
    }
}
