package dev.chatroute;

import dev.chatroute.internal.admin.AdminAccess;
import dev.chatroute.internal.admin.UsageDays;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.facade.Facade;
import dev.chatroute.internal.facade.FacadeSettings;
import dev.chatroute.internal.config.ProviderSettings;
import dev.chatroute.internal.config.ProxySetting;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.config.UpstreamSettings;
import dev.chatroute.internal.openai.BodyLimits;
import dev.chatroute.internal.openai.Loopback;
import dev.chatroute.internal.openai.UpstreamClients;
import dev.chatroute.internal.demo.DemoProvider;
import dev.chatroute.internal.guard.CrossSiteGuard;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.internal.ledger.Ledger;
import dev.chatroute.internal.ledger.LedgerSettings;
import dev.chatroute.internal.metrics.Metrics;
import dev.chatroute.internal.tracing.Tracing;
import dev.chatroute.internal.pipeline.ChatPipeline;
import dev.chatroute.internal.identity.ClientKeyIdentity;
import dev.chatroute.internal.identity.ClientKeys;
import dev.chatroute.internal.pipeline.Gate;
import dev.chatroute.internal.routing.FaultToleranceThreads;
import dev.chatroute.internal.pipeline.LoggingUsageListener;
import dev.chatroute.internal.pipeline.UsageEvents;
import dev.chatroute.internal.time.SystemScheduler;
import dev.chatroute.internal.request.RequestParser;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.EventListener;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import dev.chatroute.spi.ResponseChannel;
import dev.chatroute.spi.Scheduler;
import dev.chatroute.spi.UsageListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chatroute gateway: one per application. Adapters hand it each HTTP call with
 * {@link #serve}; it validates, routes, calls the provider and answers per CONTRACT.md.
 *
 * <p>It owns one timer thread and a few worker threads (the HTTP client's, which calls also
 * progress on), and with {@code chatroute.ledger=jdbc} the ledger's writer thread; {@link #close()}
 * lets calls in flight finish for {@code chatroute.shutdown.grace}, ends the rest, writes the
 * ledger's queued rows, and stops them all. Nothing is static, except the threads SmallRye Fault Tolerance
 * keeps per class loader (see {@link #releaseSharedThreads()}), so two applications stay apart.
 */
public final class Chatroute implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chatroute.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int WORKERS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final Settings settings;
    private final ChatPipeline pipeline;
    private final Facade facade;
    private final Gate gate;
    private final Map<String, ChatProvider> providers;
    private final SystemScheduler ownScheduler; // null when the builder was given one
    private final ExecutorService workers;
    private final AdminAccess admin;
    private final Clock clock;
    private final Ledger ledger; // null when chatroute.ledger is off

    private Chatroute(Builder b) {
        List<String> extra = b.providers.stream().map(ChatProvider::name).toList();
        this.settings = Settings.read(b.config, new TreeSet<>(extra));
        LedgerSettings ledgerSettings = LedgerSettings.read(new ConfigReader(b.config));
        int instance = INSTANCES.incrementAndGet();
        this.ownScheduler = b.scheduler == null ? new SystemScheduler(daemon("chatroute-" + instance + "-timer")) : null;
        Scheduler scheduler = b.scheduler != null ? b.scheduler : ownScheduler;
        // A few threads for everything: the HTTP client's I/O callbacks, and calls that a timer woke.
        // Nothing on them blocks, so a small bounded pool serves thousands of streams.
        this.workers = Executors.newFixedThreadPool(WORKERS, daemon("chatroute-" + instance + "-http"));
        TokenCounter tokens = new TokenCounter();
        UpstreamClients http = new UpstreamClients(settings.timeouts().connect(), workers);
        BodyLimits upstream = BodyLimits.of(UpstreamSettings.read(new ConfigReader(b.config)).maxLineBytes());
        Map<String, ChatProvider> all = new LinkedHashMap<>();
        for (ProviderSettings p : settings.providers().values()) {
            all.put(p.name(), switch (p.type()) {
                case ProviderSettings.DEMO -> new DemoProvider(p.name(), p.tokenDelay(), scheduler, workers, tokens);
                default -> new OpenAiCompatibleProvider(p.name(), p.baseUrl(),
                        p.apiKey() == null ? null : p.apiKey().reveal(), http.client(p.proxy(), p.trustStore()),
                        p.profile(), upstream, p.headers(), p.capabilities());
            });
        }
        settings.providers().values().forEach(Chatroute::warnOfAKeyInClearToAProxy);
        b.providers.forEach(p -> all.put(p.name(), p));
        this.providers = Map.copyOf(all);
        List<EventListener.Factory> listeners = new ArrayList<>();
        if (b.logUsage) {
            listeners.add(UsageEvents.factory(new LoggingUsageListener()));
        }
        Map<String, String> profiles = new HashMap<>();
        settings.providers().values().forEach(p -> profiles.put(p.name(), p.profile()));
        if (b.meterRegistry != null) {
            listeners.add(Metrics.factory(b.meterRegistry, profiles));
        }
        if (b.openTelemetry != null || Tracing.available()) {
            listeners.add(Tracing.factory(b.openTelemetry, profiles)); // null: the global one, per call
        }
        listeners.addAll(b.listeners);
        IdentityResolver identity = ClientKeyIdentity.wrap(ClientKeys.read(b.config),
                b.identity != null ? b.identity : Gate.resolverFor(settings.security()));
        this.admin = AdminAccess.read(new ConfigReader(b.config), settings.security(), identity);
        this.clock = b.clock;
        this.gate = new Gate(CrossSiteGuard.of(settings.security()), identity,
                Limiters.create(LimitSettings.read(new ConfigReader(b.config)), b.limitClock), settings.modelRoles());
        // Opened last of what can fail, so that a bad setting leaves no writer thread behind.
        this.ledger = ledgerSettings.enabled() ? Ledger.open(ledgerSettings, b.clock, "chatroute-" + instance + "-ledger")
                : null;
        if (ledger != null) {
            listeners.add(ledger.listeners());
            if (b.meterRegistry != null) {
                ledger.registerMeter(b.meterRegistry);
            }
        }
        this.pipeline = new ChatPipeline(settings, gate, providers, scheduler, workers, tokens, listeners, b.clock);
        this.facade = new Facade(FacadeSettings.read(new ConfigReader(b.config)), settings, pipeline,
                b.clock.instant().getEpochSecond());
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
     * Whether the OpenAI-compatible facade is served ({@code chatroute.openai.enabled}, default false):
     * adapters serve its paths only then.
     */
    public boolean openAiEnabled() {
        return facade.enabled();
    }

    /** Where the servlet filter serves the facade ({@code chatroute.openai.path}, default {@code /v1}). */
    public String openAiPath() {
        return facade.path();
    }

    /**
     * Serves one {@code POST .../chat/completions} of the OpenAI-compatible facade (CONTRACT §4):
     * OpenAI's request, answers and errors, through the same pipeline as {@link #serve}. A stream's
     * 200 waits for its first chunk; a failure before it is answered as JSON with its status.
     *
     * @throws IllegalStateException when the facade is off
     */
    public Exchange serveOpenAi(HttpCall call, ResponseChannel channel) {
        return facade.serve(call, channel);
    }

    /**
     * Answers {@code GET .../models} ({@code id} null) or {@code GET .../models/{id}}: the aliases the
     * caller's roles allow, in OpenAI's list and model objects, after the checks of {@link #guard}. The
     * outcome is allowed with status 200, its headers and JSON body, or refused with OpenAI's error
     * (404 {@code model_not_found} for an alias the caller may not use, 405 for another method).
     *
     * @throws IllegalStateException when the facade is off
     */
    public GuardOutcome openAiModels(HttpCall call, String id) {
        return facade.models(call, id);
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
     * Whether this gateway can answer now, and the state of each target's circuit and of the limit
     * store (see {@link Health} for when it counts as usable). Waits at most
     * {@code chatroute.limits.redis.timeout} for Redis; for a health endpoint, not for every call.
     */
    public Health health() {
        Health h = pipeline.health();
        return new Health(h.usable(), h.circuits(), h.limits(), ledger == null ? "off" : ledger.state());
    }

    /**
     * Usage between {@code from} (inclusive) and {@code to} (exclusive), summed from the ledger by the
     * database. It reads the database there and then: for reports and dashboards, never for the path
     * of a call.
     *
     * @throws IllegalStateException when {@code chatroute.ledger} is off, or the database cannot be read
     */
    public UsageReport usage(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (ledger == null) {
            throw new IllegalStateException("No usage ledger: set chatroute.ledger=jdbc to record and report usage");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The report's end " + to + " is before its start " + from);
        }
        return ledger.report(from, to);
    }

    /**
     * The usage of the last {@code days} whole UTC days, today included, for an admin page's
     * {@code ?days=} parameter as sent (null: 7; at most 400).
     *
     * @throws ApiErrorException 400 {@code invalid_parameter} or {@code parameter_out_of_range} for a bad
     *     {@code days}; 503 {@code usage_unavailable} when the ledger is off or its database cannot be read
     */
    public UsageReport usageOfLastDays(String days) {
        UsageDays.Period period = UsageDays.period(UsageDays.parse(days), clock);
        if (ledger == null) {
            throw ContractError.USAGE_UNAVAILABLE.error("Usage reports need the ledger: set chatroute.ledger=jdbc")
                    .toException();
        }
        try {
            return ledger.report(period.from(), period.to());
        } catch (IllegalStateException e) {
            LOG.warn("A usage report failed: {}", e.getMessage());
            throw ContractError.USAGE_UNAVAILABLE.error().toException();
        }
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

    /**
     * Whether this call may read usage reports (an admin page): the caller holds
     * {@code chatroute.admin-role} (default {@code chatroute-admin}) as this gateway's identity
     * resolution sees it, or, with {@code chatroute.identity=anonymous}, its address after
     * trusted-proxy handling is loopback. Refused: 403 {@code usage_not_allowed}.
     */
    public GuardOutcome mayReadUsage(HttpCall call) {
        return pipeline.check(call, admin::refusalToReadUsage);
    }

    /**
     * Whether this call may scrape metrics: its address after trusted-proxy handling is in
     * {@code chatroute.metrics.allowed-addresses} (default loopback), whatever the identity mode.
     * Refused: 403 {@code metrics_not_allowed}.
     */
    public GuardOutcome mayScrapeMetrics(HttpCall call) {
        return pipeline.check(call, admin::refusalToScrapeMetrics);
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
        if (ledger != null) {
            ledger.close(); // after the pipeline: the rows of the calls it just ended are queued
        }
        if (ownScheduler != null) {
            ownScheduler.close();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Chatroute stopped");
    }

    /**
     * A loopback provider over plain http:// keeps its key on this machine, unless a proxy is named:
     * the request, key and all, then goes in clear to the proxy (a non-loopback one is warned of by
     * the provider itself).
     */
    private static void warnOfAKeyInClearToAProxy(ProviderSettings p) {
        if (p.apiKey() != null && p.proxy().kind() == ProxySetting.Kind.ADDRESS && p.baseUrl() != null
                && "http".equalsIgnoreCase(p.baseUrl().getScheme()) && Loopback.isLoopback(p.baseUrl().getHost())) {
            LOG.warn("Provider {} sends its API key over plain http:// through {}, readable by it and "
                    + "anyone on the way; use https://, or chatroute.providers.{}.proxy=off", p.name(), p.proxy(), p.name());
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a gateway: a config, and optionally providers, listeners and time given in code. */
    public static final class Builder {
        private ChatrouteConfig config = ChatrouteConfig.defaults();
        private final List<ChatProvider> providers = new ArrayList<>();
        private final List<EventListener.Factory> listeners = new ArrayList<>();
        private boolean logUsage = true;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private TimeMeter limitClock = TimeMeter.SYSTEM_MILLISECONDS;
        private IdentityResolver identity;
        private Object meterRegistry;
        private Object openTelemetry;

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

        /** Hears the end of every call, with its usage record. */
        public Builder usageListener(UsageListener listener) {
            listeners.add(UsageEvents.factory(Objects.requireNonNull(listener, "listener")));
            return this;
        }

        /** Hears every call's events; it must be thread-safe, as calls run concurrently. */
        public Builder eventListener(EventListener listener) {
            return eventListenerFactory(EventListener.Factory.of(Objects.requireNonNull(listener, "listener")));
        }

        /** Makes a listener for each call, which then hears that call's events one at a time. */
        public Builder eventListenerFactory(EventListener.Factory factory) {
            listeners.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Records metrics on this Micrometer {@code io.micrometer.core.instrument.MeterRegistry}: the
         * OpenTelemetry GenAI client metrics and Chatroute's own (see the README's Metrics section).
         * Typed {@code Object} so that an application without Micrometer never loads it.
         *
         * @throws IllegalArgumentException when it is not a {@code MeterRegistry}, or Micrometer is missing
         */
        public Builder meterRegistry(Object registry) {
            Objects.requireNonNull(registry, "registry");
            Metrics.check(registry);
            this.meterRegistry = registry;
            return this;
        }

        /**
         * Traces calls on this {@code io.opentelemetry.api.OpenTelemetry}: a CLIENT span per call that
         * reaches a provider, per the OpenTelemetry GenAI conventions (see the README). Without one, and
         * with the OpenTelemetry API on the class path, calls are traced on {@code GlobalOpenTelemetry}
         * (a no-op unless the application set one; read per call, so it may be set later). Typed
         * {@code Object} so that an application without the API never loads it.
         *
         * @throws IllegalArgumentException when it is not an {@code OpenTelemetry}, or the API is missing
         */
        public Builder openTelemetry(Object openTelemetry) {
            Objects.requireNonNull(openTelemetry, "openTelemetry");
            Tracing.check(openTelemetry);
            this.openTelemetry = openTelemetry;
            return this;
        }

        /**
         * The time that drives timeouts, keepalives and the retry budget (tests move it by hand);
         * the gateway does not close it. Default: the system's, on one timer thread of its own.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Whether each call is logged on {@code dev.chatroute.usage} (default true). */
        public Builder logUsage(boolean enabled) {
            this.logUsage = enabled;
            return this;
        }

        /** The wall clock that stamps usage records. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The time the per-user limits read, in milliseconds since the epoch (tests move it by hand).
         * With Redis it must be the wall clock: every node reads the same stored buckets.
         */
        public Builder limitClock(java.util.function.LongSupplier epochMillis) {
            Objects.requireNonNull(epochMillis, "epochMillis");
            this.limitClock = new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return epochMillis.getAsLong() * 1_000_000L;
                }

                @Override
                public boolean isWallClockBased() {
                    return true;
                }
            };
            return this;
        }

        /** @throws InvalidConfigException naming the first bad key and value */
        public Chatroute build() {
            return new Chatroute(this);
        }
    }
}
