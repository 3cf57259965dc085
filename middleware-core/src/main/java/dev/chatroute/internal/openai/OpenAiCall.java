package dev.chatroute.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.Usage;
import dev.chatroute.internal.json.Json;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderException.Kind;
import dev.chatroute.spi.ProviderListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call to an OpenAI-compatible endpoint. The response body is consumed as it arrives, on the
 * HTTP client's threads; no thread waits for the provider. Exactly one terminal callback reaches
 * the listener, and none after {@link #cancel()}.
 */
public final class OpenAiCall implements ProviderCall {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCall.class);

    private final String provider;
    private final boolean stream;
    private final ProviderListener listener;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile CompletableFuture<?> exchange;
    private volatile Flow.Subscription subscription;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean owed = new AtomicBoolean(); // a batch was handled while paused
    private String finishReason;

    private OpenAiCall(String provider, boolean stream, ProviderListener listener) {
        this.provider = provider;
        this.stream = stream;
        this.listener = listener;
    }

    public static OpenAiCall start(HttpClient client, HttpRequest request, String provider, boolean stream,
            ProviderListener listener) {
        OpenAiCall call = new OpenAiCall(provider, stream, listener);
        call.exchange = client.sendAsync(request, call::subscriberFor)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        call.failed(unwrap(failure));
                    }
                });
        return call;
    }

    @Override
    public void cancel() {
        if (finished.compareAndSet(false, true)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel(); // closes the connection mid-body, so the provider stops generating
            }
            CompletableFuture<?> e = exchange;
            if (e != null) {
                e.cancel(true); // aborts a call still waiting for response headers
            }
        }
    }

    private BodySubscriber<Void> subscriberFor(ResponseInfo info) {
        int status = info.statusCode();
        if (status / 100 != 2) {
            return BodySubscribers.mapping(BodySubscribers.ofByteArray(), body -> {
                rejected(info, body);
                return null;
            });
        }
        // Some servers answer a stream request with one JSON body; read it as the answer it is.
        boolean json = info.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/json");
        if (!stream || json) {
            return BodySubscribers.mapping(BodySubscribers.ofByteArray(), body -> {
                answered(body);
                return null;
            });
        }
        return new Chunks();
    }

    private void rejected(ResponseInfo info, byte[] body) {
        int status = info.statusCode();
        String summary = WireFormat.errorSummary(body);
        if (status == 401 || status == 403) {
            LOG.warn("Provider {} refused our credentials (HTTP {}{}): check chatroute.providers.{}.api-key",
                    provider, status, summary.isEmpty() ? "" : ", " + summary, provider);
        } else {
            LOG.info("Provider {} answered HTTP {}{}", provider, status, summary.isEmpty() ? "" : " (" + summary + ")");
        }
        fail(new ProviderException(provider, Kind.HTTP_STATUS, status, RetryAfter.from(info.headers()),
                "answered HTTP " + status, null));
    }

    private void answered(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            fail(ProviderException.of(provider, Kind.PROTOCOL, "sent an answer that is not JSON"));
            return;
        }
        JsonNode choice = WireFormat.firstChoice(root);
        if (choice.isMissingNode()) {
            fail(ProviderException.of(provider, Kind.PROTOCOL, "sent an answer without choices"));
            return;
        }
        if (finished.get()) {
            return;
        }
        String text = WireFormat.text(choice.path("message").path("content"));
        if (!text.isEmpty()) {
            listener.onDelta(text);
        }
        Usage usage = WireFormat.usage(root);
        if (usage != null) {
            listener.onUsage(usage);
        }
        String reason = WireFormat.finishReason(choice);
        complete(reason == null ? "stop" : reason);
    }

    private void chunk(String event, String data) {
        if (finished.get()) {
            return;
        }
        if (data.equals("[DONE]")) {
            complete(finishReason == null ? "stop" : finishReason);
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            fail(ProviderException.of(provider, Kind.PROTOCOL, "sent a stream chunk that is not JSON"));
            return;
        }
        if (root.path("error").isObject() || event.equals("error")) { // "error": null is no error
            // OpenRouter and others report failures inside a 200 stream.
            LOG.info("Provider {} reported an error inside its stream ({})", provider,
                    WireFormat.errorSummary(data.getBytes(StandardCharsets.UTF_8)));
            fail(ProviderException.of(provider, Kind.STREAM_CUT, "reported an error mid-stream"));
            return;
        }
        JsonNode choice = WireFormat.firstChoice(root);
        String text = WireFormat.text(choice.path("delta").path("content"));
        if (!text.isEmpty()) {
            listener.onDelta(text);
        }
        String reason = WireFormat.finishReason(choice);
        if (reason != null) {
            finishReason = reason;
        }
        Usage usage = WireFormat.usage(root);
        if (usage != null) {
            // The last count wins: Gemini repeats running totals on every chunk, so the first is partial.
            listener.onUsage(usage);
        }
    }

    private void streamEnded(Throwable failure) {
        if (finished.get()) {
            return;
        }
        if (finishReason != null) {
            // A finish_reason without [DONE] is a complete answer: some servers never send [DONE].
            complete(finishReason);
        } else {
            String how = failure == null ? "ended its stream" : "broke its stream";
            fail(new ProviderException(provider, Kind.STREAM_CUT, 0, null, how + " before the answer was finished",
                    failure));
        }
    }

    private void failed(Throwable failure) {
        if (failure instanceof CancellationException || finished.get()) {
            return;
        }
        if (failure instanceof HttpConnectTimeoutException) {
            // A timeout like the others (504 when nothing else answers), not a retryable connection error.
            fail(new ProviderException(provider, Kind.TIMEOUT, 0, null, "did not accept a connection in time",
                    null));
        } else if (failure instanceof ConnectException) {
            fail(new ProviderException(provider, Kind.CONNECTION, 0, null, "refused the connection", null));
        } else if (failure instanceof IOException) {
            fail(new ProviderException(provider, Kind.CONNECTION, 0, null, "connection failed ("
                    + failure.getClass().getSimpleName() + ")", null));
        } else {
            LOG.warn("Call to provider {} failed unexpectedly", provider, failure);
            fail(new ProviderException(provider, Kind.PROTOCOL, 0, null, "call failed", null));
        }
    }

    private void complete(String reason) {
        if (finished.compareAndSet(false, true)) {
            listener.onComplete(reason);
        }
    }

    private void fail(ProviderException failure) {
        if (finished.compareAndSet(false, true)) {
            listener.onError(failure);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @Override
    public void pause() {
        paused.set(true);
    }

    @Override
    public void resume() {
        paused.set(false);
        Flow.Subscription s = subscription;
        if (s != null && owed.compareAndSet(true, false)) {
            s.request(1);
        }
    }

    /**
     * Receives the stream's bytes as they arrive, one batch of buffers at a time: the next batch is
     * asked for only when the call is not paused, so a client that does not read holds the
     * provider back through TCP instead of filling memory.
     */
    private final class Chunks implements BodySubscriber<Void> {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final SseParser parser = new SseParser(OpenAiCall.this::chunk);
        private final LineSplitter lines = new LineSplitter(parser::line);

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (finished.get()) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                lines.feed(buffer);
            }
            if (finished.get()) {
                return;
            }
            if (!paused.get()) {
                subscription.request(1);
                return;
            }
            owed.set(true);
            if (!paused.get() && owed.compareAndSet(true, false)) {
                subscription.request(1); // resumed meanwhile, and resume() found nothing owed yet
            }
        }

        @Override
        public void onError(Throwable t) {
            streamEnded(t);
            done.complete(null);
        }

        @Override
        public void onComplete() {
            lines.end();
            parser.end();
            streamEnded(null);
            done.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }
    }
}
