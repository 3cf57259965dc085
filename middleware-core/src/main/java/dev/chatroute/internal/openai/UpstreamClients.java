package dev.chatroute.internal.openai;

import dev.chatroute.internal.config.ProxySetting;
import dev.chatroute.internal.config.TrustStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The HTTP clients of one gateway: one per distinct connection setting (a proxy and a trust store are
 * a client's, not a request's), all on the gateway's few worker threads. Built at start-up, on one thread.
 */
public final class UpstreamClients {

    /** What makes two clients differ; providers naming the same trust store file share one. */
    private record Key(ProxySetting proxy, Path trustStore) {
    }

    private final Duration connectTimeout;
    private final Executor executor;
    private final Map<Key, HttpClient> clients = new HashMap<>();

    public UpstreamClients(Duration connectTimeout, Executor executor) {
        this.connectTimeout = connectTimeout;
        this.executor = executor;
    }

    /** The client for providers reached through {@code proxy}, trusting the JVM's certificates. */
    public HttpClient forProxy(ProxySetting proxy) {
        return client(proxy, null);
    }

    /**
     * The client for providers reached through {@code proxy} whose certificates are checked against
     * {@code trustStore} (null: the JVM's), built on first use.
     */
    public HttpClient client(ProxySetting proxy, TrustStore trustStore) {
        return clients.computeIfAbsent(new Key(proxy, trustStore == null ? null : trustStore.path()), k -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    // HTTP/1.1: cancelling a call closes its connection, which is how a provider learns to stop.
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .proxy(proxy.selector())
                    .executor(executor);
            if (trustStore != null) {
                builder.sslContext(trustStore.context());
            }
            return builder.build();
        });
    }

    /** How many clients were built, for tests. */
    int size() {
        return clients.size();
    }
}
