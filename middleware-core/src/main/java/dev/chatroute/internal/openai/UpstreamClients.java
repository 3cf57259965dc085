package dev.chatroute.internal.openai;

import dev.chatroute.internal.config.ProxySetting;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The HTTP clients of one gateway: one per distinct connection setting (a proxy is a client's, not a
 * request's), all on the gateway's few worker threads. Built at start-up, on one thread.
 */
public final class UpstreamClients {

    private final Duration connectTimeout;
    private final Executor executor;
    private final Map<ProxySetting, HttpClient> clients = new HashMap<>();

    public UpstreamClients(Duration connectTimeout, Executor executor) {
        this.connectTimeout = connectTimeout;
        this.executor = executor;
    }

    /** The client for providers reached through {@code proxy}, built on first use. */
    public HttpClient forProxy(ProxySetting proxy) {
        return clients.computeIfAbsent(proxy, p -> HttpClient.newBuilder()
                // HTTP/1.1: cancelling a call closes its connection, which is how a provider learns to stop.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .proxy(p.selector())
                .executor(executor)
                .build());
    }

    /** How many clients were built, for tests. */
    int size() {
        return clients.size();
    }
}
