package dev.chatroute.internal.limits;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import dev.chatroute.internal.limits.LimitSettings.RedisSettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis, through Bucket4j's compare-and-swap proxy manager over one Lettuce connection,
 * so every instance of the app shares each user's limits.
 *
 * <p>Failing fast: each command has {@code chatroute.limits.redis.timeout}; while the connection is
 * down, commands are rejected at once instead of queued; and if no connection could ever be made
 * (Redis was down at start-up), a new attempt is made at most once a second, by one caller, the
 * others failing at once. Lettuce reconnects a lost connection by itself, at least once a second, so
 * the first calls after Redis is back go to Redis again.
 *
 * <p>Settling an ended call ({@link #addTokensAsync}, {@link #forceConsumeAsync}) goes through
 * Bucket4j's asynchronous proxy on the same connection: no thread waits for Redis, and since one
 * connection keeps its commands in order, a user's next call on this instance sees the settlement.
 *
 * <p>Keys ({@code chatroute:<limit>:<capacity>:<user>}) expire once their bucket would be full
 * again plus a minute, so idle users vanish from Redis.
 */
final class RedisBucketStore implements BucketStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBucketStore.class);
    private static final Duration CONNECT_PAUSE = Duration.ofSeconds(1);
    private static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(1);

    private final RedisSettings settings;
    private final TimeMeter clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final String password;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Session session;
    private volatile long nextAttempt = System.nanoTime();
    private volatile boolean closed;

    private record Session(StatefulRedisConnection<byte[], byte[]> connection, ProxyManager<byte[]> buckets,
            AsyncProxyManager<byte[]> async) {
    }

    RedisBucketStore(RedisSettings settings, TimeMeter clock) {
        this.settings = settings;
        this.clock = clock;
        String raw = settings.uri().reveal();
        this.password = passwordIn(raw);
        RedisURI uri;
        try {
            uri = RedisURI.create(raw);
        } catch (RuntimeException e) {
            throw new InvalidConfigException(LimitSettings.PREFIX + "redis.uri",
                    "'" + settings.safeUri() + "' is not a usable Redis URI: " + scrub(e.getMessage()));
        }
        uri.setTimeout(settings.timeout());
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).keepAlive(true).build())
                .build());
        try {
            session(); // connect now if Redis is there; if not, the first calls try again
        } catch (StoreUnavailableException e) {
            LOG.debug("No connection to {} yet: {}", description(), e.getMessage());
        }
    }

    @Override
    public ConsumptionProbe tryConsume(BucketSpec bucket, long tokens) {
        return call(bucket, b -> b.tryConsumeAndReturnRemaining(tokens));
    }

    @Override
    public long available(BucketSpec bucket) {
        return call(bucket, Bucket::getAvailableTokens);
    }

    @Override
    public void addTokens(BucketSpec bucket, long tokens) {
        call(bucket, b -> {
            b.addTokens(tokens);
            return null;
        });
    }

    @Override
    public void forceConsume(BucketSpec bucket, long tokens) {
        call(bucket, b -> b.consumeIgnoringRateLimits(tokens));
    }

    @Override
    public CompletableFuture<Void> addTokensAsync(BucketSpec bucket, long tokens) {
        return callAsync(bucket, b -> b.addTokens(tokens));
    }

    @Override
    public CompletableFuture<Void> forceConsumeAsync(BucketSpec bucket, long tokens) {
        return callAsync(bucket, b -> b.consumeIgnoringRateLimits(tokens).thenApply(left -> null));
    }

    /** A PING, bounded by {@code chatroute.limits.redis.timeout}; connects first if need be. */
    @Override
    public boolean answers() {
        try {
            return "PONG".equalsIgnoreCase(session().connection().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String description() {
        return "Redis at " + settings.safeUri();
    }

    private <T> T call(BucketSpec spec, Function<Bucket, T> operation) {
        Session s = session();
        try {
            Bucket bucket = s.buckets().builder().build(spec.keyBytes(),
                    () -> BucketConfiguration.builder().addLimit(spec.bandwidth()).build());
            return operation.apply(bucket);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /**
     * Never connects (that may take the connect timeout): a settlement exists only for a call this
     * store admitted, so a session exists, and Lettuce keeps reconnecting it by itself.
     */
    private <T> CompletableFuture<T> callAsync(BucketSpec spec, Function<AsyncBucketProxy, CompletableFuture<T>> operation) {
        Session s = session;
        if (closed || s == null) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(
                    closed ? "the limiter is closed" : "not connected", null));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            AsyncBucketProxy bucket = s.async().builder().build(spec.keyBytes(),
                    BucketConfiguration.builder().addLimit(spec.bandwidth()).build());
            operation.apply(bucket).whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(unavailable(error));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(unavailable(e));
        }
        return result;
    }

    private Session session() {
        Session s = session;
        if (s != null) {
            return s;
        }
        if (closed) {
            throw new StoreUnavailableException("the limiter is closed", null);
        }
        if (System.nanoTime() - nextAttempt < 0 || !connecting.tryLock()) {
            throw new StoreUnavailableException("not connected (a new attempt follows shortly)", null);
        }
        try {
            if (session != null) {
                return session;
            }
            StatefulRedisConnection<byte[], byte[]> connection;
            try {
                connection = client.connect(ByteArrayCodec.INSTANCE);
            } catch (RuntimeException e) {
                nextAttempt = System.nanoTime() + CONNECT_PAUSE.toNanos();
                throw unavailable(e);
            }
            ProxyManager<byte[]> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            KEEP_FULL_BUCKET))
                    .requestTimeout(settings.timeout())
                    .clientClock(clock)
                    .build();
            s = new Session(connection, buckets, buckets.asAsync());
            session = s;
            if (closed) {
                connection.close();
            }
            return s;
        } finally {
            connecting.unlock();
        }
    }

    private StoreUnavailableException unavailable(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StoreUnavailableException already) {
            return already;
        }
        String message = e.getMessage();
        return new StoreUnavailableException(e.getClass().getSimpleName()
                + (message == null ? "" : ": " + scrub(message)), e);
    }

    /** Hides the password, should a driver message ever repeat it. */
    private String scrub(String message) {
        if (message == null || password == null || password.isEmpty()) {
            return message;
        }
        return message.replace(password, "***");
    }

    /** The password part of {@code redis://[user:]password@host}, or null. */
    private static String passwordIn(String uri) {
        int start = uri.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = uri.lastIndexOf('@');
        if (at < start) {
            return null;
        }
        String userInfo = uri.substring(start, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? userInfo : userInfo.substring(colon + 1);
    }

    @Override
    public void close() {
        closed = true;
        Session s = session;
        try {
            if (s != null) {
                s.connection().close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.debug("Closing the connection to {} failed: {}", description(), scrub(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
