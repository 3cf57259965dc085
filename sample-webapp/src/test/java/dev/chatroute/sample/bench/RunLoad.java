package dev.chatroute.sample.bench;

import dev.chatroute.sample.bench.LoadClient.Call;
import dev.chatroute.sample.bench.LoadClient.Run;
import dev.chatroute.sample.bench.LoadClient.Target;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The end-to-end load run in two processes (a {@code main}; {@code mvn verify} never runs it, and
 * nothing here asserts on timings). This JVM is the load side: the {@link LeanFakeProvider} and the
 * {@link LoadClient}. The server is a {@link BenchServer} child JVM, measured from outside through
 * {@code /proc} (CPU per call, RSS, threads). Phases, each bounded in calls and time:
 * <ul>
 * <li>a: fast answers, JSON and streamed, at each concurrency: added latency vs the provider's own;
 * <li>b: {@code slow} concurrent slow streams: time to first token vs the provider's own at that load;
 * <li>c: {@code many} concurrent slow streams: also errors, RSS, threads;
 * <li>d: c again with first-token 2 s and idle 3 s, plus clients that never read and probe calls
 *     whose provider hangs or stalls: how late each timeout fired;
 * <li>proxy: Jetty's ProxyServlet.Transparent in its own JVM, JSON at each concurrency: the baseline.
 * </ul>
 * Arguments: {@code key=value} overrides of {@link #DEFAULTS}, or {@code smoke} for tiny numbers.
 * Run from the sample-webapp module directory (BenchServer reads {@code src/main/webapp}).
 */
public final class RunLoad {

    static final Map<String, String> DEFAULTS = map(
            "phases", "a,b,c,d,proxy", "routes", "/api/chat,/servlet/api/chat", "concurrency", "1,64",
            "calls", "2000", "warmup", "500", "slow", "512", "many", "5000", "stuck", "3", "probes", "3",
            "rate", "1000");
    static final Map<String, String> SMOKE = map(
            "concurrency", "1,8", "calls", "50", "warmup", "20", "slow", "50", "many", "200", "probes", "2", "rate", "500");
    private static final String SHORT = "Tell me a story";
    private static final Duration FAST_LIMIT = Duration.ofSeconds(120);
    private static final Duration SLOW_LIMIT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final Map<String, String> cfg;
    private final LeanFakeProvider fake;
    private final LoadClient client;
    private final Target provider;
    private final java.util.Set<Long> warmServers = new java.util.HashSet<>();
    private final Table json = new Table("Baseline: JSON answers, Chatroute vs Jetty's ProxyServlet.Transparent",
            "server", "concurrency", "calls ok", "errors", "latency p50 / p99 ms", "provider's own p50 / p99 ms",
            "added p50 / p99 ms", "server CPU ms/call", "calls/s");

    private RunLoad(Map<String, String> cfg, LeanFakeProvider fake, LoadClient client) {
        this.cfg = cfg;
        this.fake = fake;
        this.client = client;
        this.provider = new Target("provider", URI.create(fake.baseUrl() + "/chat/completions"), true);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> cfg = new TreeMap<>(DEFAULTS);
        for (String arg : args) {
            if (arg.equals("smoke")) {
                cfg.putAll(SMOKE);
            } else {
                String[] kv = arg.split("=", 2);
                if (kv.length != 2 || !DEFAULTS.containsKey(kv[0])) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'; keys: " + DEFAULTS.keySet());
                }
                cfg.put(kv[0], kv[1]);
            }
        }
        // Idle client connections close soon, so one phase's thousands do not linger into the next.
        System.setProperty("jdk.httpclient.keepalive.timeout", "3");
        System.out.printf(Locale.ROOT, "Chatroute load run, %s, %d cores, %s %s, settings %s%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), cfg);
        try (LeanFakeProvider fake = new LeanFakeProvider(); LoadClient client = new LoadClient()) {
            new RunLoad(cfg, fake, client).run();
        }
        System.exit(0); // the JDK HttpClient's selector thread is not a daemon in every JDK
    }

    private void run() throws Exception {
        List<String> phases = list("phases");
        if (phases.contains("a") || phases.contains("b") || phases.contains("c")) {
            try (ServerProcess server = ServerProcess.start("chatroute", "chatroute", fake.baseUrl(), Map.of(
                    "chatroute.timeouts.connect", "30s", "chatroute.timeouts.first-token", "30s",
                    "chatroute.timeouts.total", "120s"))) {
                System.out.println("server pid " + server.pid() + ", idle threads " + server.threads()
                        + ", RSS " + server.rssKib() / 1024 + " MiB");
                if (phases.contains("a")) {
                    phaseA(server);
                }
                if (phases.contains("b")) {
                    slowStreams(server, "b", integer("slow"), false);
                }
                if (phases.contains("c")) {
                    slowStreams(server, "c", integer("many"), true);
                }
            }
        }
        if (phases.contains("d")) {
            try (ServerProcess server = ServerProcess.start("chatroute-timeouts", "chatroute", fake.baseUrl(), Map.of(
                    "chatroute.timeouts.connect", "30s", "chatroute.timeouts.first-token", "2s",
                    "chatroute.timeouts.idle", "3s", "chatroute.timeouts.total", "120s",
                    "chatroute.retry.max-attempts", "1"))) { // one try: a probe's error is exactly one timeout
                phaseD(server);
            }
        }
        if (phases.contains("proxy")) {
            try (ServerProcess proxy = ServerProcess.start("proxy", "proxy", fake.baseUrl(), Map.of())) {
                Target via = new Target("proxy", proxy.uri("/v1/chat/completions"), true);
                fast(via, false, 8, integer("warmup")); // warm-up, not reported
                for (int c : integers("concurrency")) {
                    Run own = fast(provider, false, c, integer("calls"));
                    Measured m = measured(proxy, () -> fast(via, false, c, integer("calls")));
                    jsonRow("`ProxyServlet.Transparent`", c, m, own);
                }
            }
            System.out.print(json.markdown());
        }
    }

    private void phaseA(ServerProcess server) throws Exception {
        for (String route : list("routes")) { // warm-up, not reported
            Target t = new Target(route, server.uri(route), false);
            fast(t, false, 8, integer("warmup"));
            fast(t, true, 8, integer("warmup"));
        }
        Table table = new Table("Phase a: short request, provider answers at once (" + integer("calls") + " calls per row)",
                "route", "answer", "concurrency", "calls ok", "errors", "latency p50 / p99 ms",
                "provider's own p50 / p99 ms", "added p50 / p99 ms", "added first token p50 ms",
                "server CPU ms/call", "calls/s");
        for (boolean stream : new boolean[] {false, true}) {
            for (int c : integers("concurrency")) {
                Run own = fast(provider, stream, c, integer("calls"));
                for (String route : list("routes")) {
                    Target t = new Target(route, server.uri(route), false);
                    Measured m = measured(server, () -> fast(t, stream, c, integer("calls")));
                    List<Call> calls = m.run.sent();
                    double ttft = stream ? Table.quantile(calls, x -> x.since(x.firstToken), 0.5)
                            - Table.quantile(own.sent(), x -> x.since(x.firstToken), 0.5) : Double.NaN;
                    table.row("`" + route + "`", stream ? "stream" : "JSON", c, ok(m.run), errors(m.run),
                            latency(calls), latency(own.sent()), added(calls, own.sent()),
                            stream ? Table.ms(ttft) : "–", Table.num(m.cpuPerCall(), "%.2f"), Table.num(m.perSecond(), "%.0f"));
                    if (!stream) {
                        jsonRow("Chatroute `" + route + "`", c, m, own);
                    }
                }
            }
        }
        System.out.print(table.markdown());
    }

    /** Phases b and c: {@code n} slow streams at once, to the provider alone, then through each route. */
    private void slowStreams(ServerProcess server, String phase, int n, boolean resources) throws Exception {
        Table table = new Table("Phase " + phase + ": " + n + " concurrent slow streams (first token after 200 ms, "
                + "50 chunks 100 ms apart; ramped up at " + integer("rate") + "/s)",
                "route", "streams", "ok", "errors", "first token p50 / p99 ms", "provider's own p50 / p99 ms (same load)",
                "added p50 / p99 ms", "whole stream p50 ms", "server CPU ms/stream", "peak RSS MiB", "peak threads (top groups)");
        warmSlow(server, n);
        Run own = slow(provider, n);
        await(own);
        for (String route : list("routes")) {
            Thread.sleep(4000); // let the previous run's connections reach their keep-alive timeout
            Target t = new Target(route, server.uri(route), false);
            try (ServerSampler sampler = new ServerSampler(server)) {
                Measured m = measured(server, () -> await(slow(t, n)));
                List<Call> calls = m.run.sent();
                table.row("`" + route + "`", n, ok(m.run), errors(m.run), ttft(calls), ttft(own.sent()),
                        addedTtft(calls, own.sent()), Table.ms(Table.quantile(calls, x -> x.since(x.end), 0.5)),
                        Table.num(m.cpuPerCall(), "%.2f"), Table.num(sampler.peakRssMib(), "%.0f"),
                        sampler.peakThreads() + " (" + sampler.topPrefixes() + ")");
            }
        }
        System.out.print(table.markdown());
    }

    /** The first slow streams of a JVM run cold code: warm this server (and the fake) once, not reported. */
    private void warmSlow(ServerProcess server, int n) throws InterruptedException {
        if (warmServers.add(server.pid())) {
            await(slow(provider, Math.min(n, 50)));
            for (String route : list("routes")) {
                await(slow(new Target(route, server.uri(route), false), Math.min(n, 50)));
            }
        }
    }

    private void phaseD(ServerProcess server) throws Exception {
        int n = integer("many");
        int probes = integer("probes");
        Table load = new Table("Phase d: " + n + " slow streams with " + integer("stuck") + " clients that never read "
                + "and " + probes + "+" + probes + " hanging/stalling probes (first-token 2 s, idle 3 s, one try)",
                "route", "streams", "ok", "errors", "first token p50 / p99 ms", "peak RSS MiB",
                "peak threads (top groups)", "clients that never read");
        Table fired = new Table("Phase d: when the timeouts fired (measured by the client: the error event's arrival "
                + "after the call's start, or after the last delta)",
                "route", "timeout", "setting ms", "fired after ms (each probe)", "late by ms (worst)", "probe outcomes",
                "probes ended after ms");
        warmSlow(server, n);
        for (String route : list("routes")) {
            Thread.sleep(4000);
            Target t = new Target(route, server.uri(route), false);
            try (ServerSampler sampler = new ServerSampler(server)) {
                Run streams = slow(t, n);
                Thread.sleep(Math.min(30_000, 1000L * n / integer("rate") + 500)); // probe at full load, after the ramp
                try (StuckReaders stuck = new StuckReaders(server.uri(route), integer("stuck"))) {
                    Run hang = client.start(t, SHORT + " #hang", true, probes, probes, 10, SLOW_LIMIT);
                    Run stall = client.start(t, SHORT + " #stall", true, probes, probes, 10, SLOW_LIMIT);
                    await(streams);
                    await(hang);
                    await(stall);
                    load.row("`" + route + "`", n, ok(streams), errors(streams), ttft(streams.sent()),
                            Table.num(sampler.peakRssMib(), "%.0f"), sampler.peakThreads() + " (" + sampler.topPrefixes() + ")",
                            stuck.verdict(2000));
                    firedRow(fired, route, "first-token", 2000, hang, c -> c.since(c.errorAt));
                    firedRow(fired, route, "idle", 3000, stall, c -> c.errorAt - c.lastToken);
                }
            }
        }
        System.out.print(load.markdown());
        System.out.print(fired.markdown());
    }

    private static void firedRow(Table table, String route, String timeout, long settingMs, Run probes,
            java.util.function.ToLongFunction<Call> firedNanos) {
        List<Long> after = probes.sent().stream().filter(c -> c.errorAt >= 0 && (c.lastToken >= 0 || timeout.equals("first-token")))
                .map(c -> firedNanos.applyAsLong(c) / 1_000_000).sorted().toList();
        String late = after.isEmpty() ? "did not fire" : Long.toString(after.get(after.size() - 1) - settingMs);
        Map<String, Long> outcomes = probes.sent().stream()
                .collect(Collectors.groupingBy(c -> c.error == null ? "ok" : c.error, TreeMap::new, Collectors.counting()));
        List<Long> ended = probes.sent().stream().map(c -> c.since(c.end) / 1_000_000).sorted().toList();
        table.row("`" + route + "`", timeout, settingMs, after.isEmpty() ? "–" : after.toString(), late, outcomes, ended);
    }

    private void jsonRow(String server, int c, Measured m, Run own) {
        List<Call> calls = m.run.sent();
        json.row(server, c, ok(m.run), errors(m.run), latency(calls), latency(own.sent()), added(calls, own.sent()),
                Table.num(m.cpuPerCall(), "%.2f"), Table.num(m.perSecond(), "%.0f"));
    }

    // ---- running

    private Run fast(Target t, boolean stream, int concurrency, int calls) throws InterruptedException {
        return await(client.start(t, SHORT, stream, concurrency, calls, 1000, FAST_LIMIT));
    }

    private Run slow(Target t, int n) {
        return client.start(t, SHORT + " #slow", true, n, n, integer("rate"), SLOW_LIMIT);
    }

    private static Run await(Run run) throws InterruptedException {
        if (!run.await(GRACE)) {
            System.out.println("  (" + run.target.name() + ": some calls still open at the time limit; counted as errors)");
        }
        return run;
    }

    /** A run and the server CPU it cost, read from /proc before and after. */
    private record Measured(Run run, double cpuMillis) {
        double cpuPerCall() {
            return cpuMillis / Math.max(1, run.sent().size());
        }

        double perSecond() {
            return run.sent().stream().filter(Call::ok).count() / run.wallSeconds();
        }
    }

    private interface RunSupplier {
        Run get() throws InterruptedException;
    }

    private static Measured measured(ServerProcess server, RunSupplier what) throws InterruptedException {
        double before = server.cpuMillis();
        Run run = what.get();
        return new Measured(run, server.cpuMillis() - before);
    }

    // ---- cells

    private static long ok(Run run) {
        return run.sent().stream().filter(Call::ok).count();
    }

    private static String errors(Run run) {
        Map<String, Long> errors = run.sent().stream().filter(c -> !c.ok())
                .collect(Collectors.groupingBy(c -> c.error == null ? "unfinished" : c.error, TreeMap::new, Collectors.counting()));
        int notSent = run.calls.length - run.sent().size();
        if (notSent > 0) {
            errors.put("not sent (time limit)", (long) notSent);
        }
        return errors.isEmpty() ? "0" : errors.toString();
    }

    private static String latency(List<Call> calls) {
        return Table.pair(Table.quantile(calls, c -> c.since(c.end), 0.5), Table.quantile(calls, c -> c.since(c.end), 0.99));
    }

    private static String ttft(List<Call> calls) {
        return Table.pair(Table.quantile(calls, c -> c.since(c.firstToken), 0.5),
                Table.quantile(calls, c -> c.since(c.firstToken), 0.99));
    }

    /** Differences of percentiles (not percentiles of differences: the calls are not paired). */
    private static String added(List<Call> via, List<Call> own) {
        return Table.pair(Table.quantile(via, c -> c.since(c.end), 0.5) - Table.quantile(own, c -> c.since(c.end), 0.5),
                Table.quantile(via, c -> c.since(c.end), 0.99) - Table.quantile(own, c -> c.since(c.end), 0.99));
    }

    private static String addedTtft(List<Call> via, List<Call> own) {
        return Table.pair(
                Table.quantile(via, c -> c.since(c.firstToken), 0.5) - Table.quantile(own, c -> c.since(c.firstToken), 0.5),
                Table.quantile(via, c -> c.since(c.firstToken), 0.99) - Table.quantile(own, c -> c.since(c.firstToken), 0.99));
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private List<String> list(String key) {
        return List.of(cfg.get(key).split(","));
    }

    private int integer(String key) {
        return Integer.parseInt(cfg.get(key));
    }

    private int[] integers(String key) {
        return list(key).stream().mapToInt(Integer::parseInt).toArray();
    }
}
