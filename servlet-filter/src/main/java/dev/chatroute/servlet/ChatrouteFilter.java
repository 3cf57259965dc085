package dev.chatroute.servlet;

import dev.chatroute.Chatroute;
import dev.chatroute.Exchange;
import dev.chatroute.GuardOutcome;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.servlet.internal.AsyncServletChannel;
import dev.chatroute.servlet.internal.CdiGateway;
import dev.chatroute.servlet.internal.ClientWatch;
import dev.chatroute.servlet.internal.DisconnectListener;
import dev.chatroute.servlet.internal.ServletHttpCall;
import dev.chatroute.servlet.internal.ServletParams;
import dev.chatroute.servlet.internal.SharedThreads;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet side of Chatroute, in one of two modes ({@code chatroute.mode} init-param):
 *
 * <ul>
 *   <li>{@code route} (default): serves the chat route. Calls to the route path (init-param or
 *       setting {@code chatroute.path}, default {@code /api/chat}) are answered with async servlet
 *       I/O, the container thread going back to its pool while the provider works; every other
 *       request passes down the chain untouched.
 *   <li>{@code guard}: guards whatever paths it is mapped to, without serving chat: request id,
 *       cross-site check, identity and requests per minute, with the chat route's JSON errors.
 * </ul>
 *
 * <p>In route mode, when {@code chatroute.openai.enabled} is true, it also serves the OpenAI-compatible
 * facade at {@code chatroute.openai.path} (init-param or setting, default {@code /v1}):
 * {@code POST .../chat/completions} like the chat route, and {@code GET .../models} and
 * {@code .../models/{id}}. Map the filter at that path too ({@code /v1/*}).
 *
 * <p>The filter uses the gateway a {@link ChatrouteListener} published, or the application's CDI
 * {@code Chatroute} bean (the {@code jaxrs-resource} jar's), or else makes its own from
 * the context-params and its init-params. Declare it with {@code <async-supported>true}.
 */
public class ChatrouteFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ChatrouteFilter.class);

    private Chatroute gateway;
    private boolean ownsGateway;
    private boolean guardMode;
    private String path;
    private String openAiPath; // null when the facade is off
    private ServletContext servletContext;

    public ChatrouteFilter() {
    }

    /** A filter over a gateway the application made in code; the application closes it. */
    public ChatrouteFilter(Chatroute gateway) {
        this.gateway = gateway;
    }

    @Override
    public void init(FilterConfig config) {
        servletContext = config.getServletContext();
        String mode = config.getInitParameter("chatroute.mode");
        mode = mode == null || mode.isBlank() ? "route" : mode.trim();
        if (!mode.equals("route") && !mode.equals("guard")) {
            throw new InvalidConfigException("chatroute.mode", "'" + mode + "' must be route or guard (filter '"
                    + config.getFilterName() + "')");
        }
        guardMode = mode.equals("guard");
        if (gateway == null) {
            gateway = ChatrouteListener.gateway(config.getServletContext());
        }
        if (gateway == null) {
            gateway = CdiGateway.lookup(config.getServletContext());
        }
        if (gateway == null) {
            gateway = Chatroute.create(ServletParams.config(config.getServletContext(), ServletParams.of(config)));
            ownsGateway = true;
        }
        String configured = config.getInitParameter("chatroute.path");
        path = configured == null || configured.isBlank() ? gateway.path() : configured.trim();
        String openAi = config.getInitParameter("chatroute.openai.path");
        openAiPath = !gateway.openAiEnabled() ? null : openAi == null || openAi.isBlank() ? gateway.openAiPath() : openAi.trim();
        LOG.info("Chatroute filter '{}' {}", config.getFilterName(), guardMode ? "guards its mapped paths"
                : "serves " + path + (openAiPath == null ? "" : " and the OpenAI-compatible facade at " + openAiPath));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest http) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
        } else if (guardMode) {
            guard(http, response, chain);
        } else if (isRoute(http)) {
            serve(http, gateway::serve);
        } else if (openAiPath != null && facadeCall(http, response)) {
            return;
        } else {
            chain.doFilter(req, res);
        }
    }

    private boolean isRoute(HttpServletRequest request) {
        return path.equals(withinApp(request));
    }

    private static String withinApp(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : null;
    }

    /** Serves a call to one of the facade's paths; false for any other path, which goes down the chain. */
    private boolean facadeCall(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String within = withinApp(request);
        if (within == null || !within.startsWith(openAiPath + "/")) {
            return false;
        }
        String rest = within.substring(openAiPath.length());
        if (rest.equals("/chat/completions")) {
            serve(request, gateway::serveOpenAi);
        } else if (rest.equals("/models")) {
            write(gateway.openAiModels(new ServletHttpCall(request), null), response);
        } else if (rest.startsWith("/models/") && rest.length() > "/models/".length()) {
            write(gateway.openAiModels(new ServletHttpCall(request), rest.substring("/models/".length())), response);
        } else {
            return false;
        }
        return true;
    }

    private void serve(HttpServletRequest request, BiFunction<HttpCall, ResponseChannel, Exchange> route) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the gateway's own timeouts end every call
        AsyncServletChannel channel = new AsyncServletChannel(async);
        ClientWatch watch = ClientWatch.of(request); // a client gone before the first write is seen only here
        DisconnectListener listener = new DisconnectListener(channel, watch);
        async.addListener(listener);
        Exchange exchange = route.apply(new ServletHttpCall(request), watch.around(channel));
        listener.attach(exchange);
        watch.attach(exchange);
    }

    private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        GuardOutcome outcome = gateway.guard(new ServletHttpCall(request));
        if (outcome.allowed()) {
            setHeaders(outcome, response);
            chain.doFilter(request, response);
            return;
        }
        write(outcome, response);
    }

    /** A guard's outcome that carries its whole answer (a refusal, or the facade's model list). */
    private static void write(GuardOutcome outcome, HttpServletResponse response) throws IOException {
        setHeaders(outcome, response);
        byte[] body = outcome.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(outcome.status());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void setHeaders(GuardOutcome outcome, HttpServletResponse response) {
        outcome.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else {
                response.setHeader(name, value);
            }
        });
    }

    @Override
    public void destroy() {
        if (ownsGateway && gateway != null) {
            gateway.close();
            SharedThreads.releaseIfBundledIn(servletContext);
        }
    }
}
