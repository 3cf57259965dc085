package dev.chatroute;

import dev.chatroute.internal.config.ProviderSettings;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.demo.DemoProvider;
import dev.chatroute.internal.guard.CrossSiteGuard;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.internal.pipeline.ChatPipeline;
import dev.chatroute.internal.pipeline.Gate;
import dev.chatroute.internal.routing.FaultToleranceThreads;
import dev.chatroute.internal.pipeline.LoggingUsageListener;
import dev.chatroute.internal.request.RequestParser;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import dev.chatroute.spi.ResponseChannel;
import dev.chatroute.spi.UsageListener;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chatroute gateway: one per application. Adapters hand it each HTTP call with
 * {@link #serve}; it validates, routes, calls the provider and answers per CONTRACT.md.
 *
 * <p>It owns one timer thread and the HTTP client's threads; {@link #close()} stops them all and
 * cancels calls in flight. Nothing is static, so two applications in one container stay apart.
 */
public final class Chatroute implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chatroute.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Settings settings;
    private final ChatPipeline pipeline;
    private final Gate gate;
    private final Map<String, ChatProvider> providers;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService httpExecutor;

    private Chatroute(Builder b) {
        List<String> extra = b.providers.stream().map(ChatProvider::name).toList();
        this.settings = Settings.read(b.config, new java.util.TreeSet<>(extra));
        int instance = INSTANCES.incrementAndGet();
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("chatroute-" + instance + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.httpExecutor = Executors.newCachedThreadPool(daemon("chatroute-" + instance + "-http"));
        TokenCounter tokens = new TokenCounter();
        HttpClient http = HttpClient.newBuilder()
                // HTTP/1.1: cancelling a call closes its connection, which is how a provider learns to stop.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeouts().connect())
                .executor(httpExecutor)
                .build();
        Map<String, ChatProvider> all = new LinkedHashMap<>();
        for (ProviderSettings p : settings.providers().values()) {
            all.put(p.name(), switch (p.type()) {
                case ProviderSettings.DEMO -> new DemoProvider(p.name(), p.tokenDelay(), timer, tokens);
                default -> new OpenAiCompatibleProvider(p.name(), p.baseUrl(),
                        p.apiKey() == null ? null : p.apiKey().reveal(), http, p.profile());
            });
        }
        b.providers.forEach(p -> all.put(p.name(), p));
        this.providers = Map.copyOf(all);
        List<UsageListener> listeners = new ArrayList<>(b.listeners);
        if (b.logUsage) {
            listeners.add(0, new LoggingUsageListener());
        }
        this.gate = new Gate(new CrossSiteGuard(settings.security().allowedOrigins(), settings.security().trustedProxies()),
                b.identity != null ? b.identity : Gate.resolverFor(settings.security()),
                Limiters.create(LimitSettings.read(new ConfigReader(b.config))));
        this.pipeline = new ChatPipeline(settings, gate, providers, timer, tokens, listeners, b.clock);
        LOG.info("Chatroute started: models {} via providers {}", settings.models().keySet(), providers.keySet());
    }

    /** A gateway configured by {@code config} alone. */
    public static Chatroute create(ChatrouteConfig config) {
        return builder().config(config).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Serves one HTTP call of the chat route; returns at once, the answer follows asynchronously. */
    public Exchange serve(HttpCall call, ResponseChannel channel) {
        return pipeline.serve(call, channel);
    }

    /**
     * Calls a model from code, for the given user, under the same limits, timeouts and usage records
     * as the chat route; the answer is not streamed. Fails with an {@link ApiErrorException}
     * carrying the contract error (429 for an exhausted limit, 503 for an unavailable provider...).
     */
    public CompletableFuture<ChatAnswer> chat(ChatRequest request, Identity who) {
        return pipeline.call(request, who);
    }

    /**
     * Checks a request to another path of the application, as the servlet filter's guard mode
     * does: request id, cross-site check, identity and requests per minute. Nothing is called.
     */
    public GuardOutcome guard(HttpCall call) {
        return pipeline.guard(call);
    }

    /**
     * Whether a call asks for an event stream ({@code "stream": true} or
     * {@code Accept: text/event-stream}), decided exactly as {@link #serve} decides it. An adapter
     * that must pick its response type before serving (JAX-RS) asks this first; a body that does not
     * parse is not a stream request, and {@code serve} will refuse it.
     */
    public boolean wantsStream(String accept, byte[] body) {
        return RequestParser.streamRequested(accept, body);
    }

    /** The largest request body accepted ({@code chatroute.input.max-bytes}). */
    public int maxBodyBytes() {
        return settings.input().maxBytes();
    }

    /** The route's path within the application ({@code chatroute.path}, default {@code /api/chat}). */
    public String path() {
        return settings.path();
    }

    /**
     * Stops the threads that Chatroute's fault-tolerance library (SmallRye) keeps for all gateways of
     * the class loader that loaded Chatroute. Call it only when that class loader is being discarded,
     * as when a web application that bundles Chatroute in {@code WEB-INF/lib} is undeployed: no
     * gateway of this class loader can retry afterwards. The servlet listener, the filter and the CDI
     * integration do it for you when Chatroute belongs to the application being stopped.
     */
    public static void releaseSharedThreads() {
        FaultToleranceThreads.release();
    }

    @Override
    public void close() {
        pipeline.close();
        providers.values().forEach(p -> {
            try {
                p.close();
            } catch (Exception e) {
                LOG.warn("Provider {} did not close cleanly", p.name(), e);
            }
        });
        gate.close();
        timer.shutdownNow();
        httpExecutor.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            httpExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Chatroute stopped");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a gateway: a config, and optionally providers and usage listeners given in code. */
    public static final class Builder {
        private ChatrouteConfig config = ChatrouteConfig.defaults();
        private final List<ChatProvider> providers = new ArrayList<>();
        private final List<UsageListener> listeners = new ArrayList<>();
        private boolean logUsage = true;
        private Clock clock = Clock.systemUTC();
        private IdentityResolver identity;

        public Builder config(ChatrouteConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** A provider given in code; model chains name it by {@link ChatProvider#name()}. */
        public Builder provider(ChatProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Tells who is calling, instead of the built-in resolver that {@code chatroute.identity} names. */
        public Builder identityResolver(IdentityResolver resolver) {
            this.identity = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public Builder usageListener(UsageListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Whether each call is logged on {@code dev.chatroute.usage} (default true). */
        public Builder logUsage(boolean enabled) {
            this.logUsage = enabled;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws InvalidConfigException naming the first bad key and value */
        public Chatroute build() {
            return new Chatroute(this);
        }
    }
}
