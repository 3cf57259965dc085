package dev.chatroute.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.Usage;
import dev.chatroute.internal.config.ConfigReader;
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
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
    private final BodyLimits limits;
    private final ProviderListener listener;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile CompletableFuture<?> exchange;
    private volatile Flow.Subscription subscription;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean owed = new AtomicBoolean(); // a batch was handled while paused
    private String finishReason;
    private boolean modelTold; // the provider's model name is passed on once, from its first chunk that has one
    private final ToolCallDeltas toolCalls;

    private OpenAiCall(String provider, BodyLimits limits, ProviderListener listener) {
        this.provider = provider;
        this.limits = limits;
        this.listener = listener;
        this.toolCalls = new ToolCallDeltas(listener::onToolCall);
    }

    /**
     * Starts the call. The answer is read by its {@code Content-Type}, whatever was asked for: an
     * event stream, or one JSON body (some servers answer a stream request so).
     */
    public static OpenAiCall start(HttpClient client, HttpRequest request, String provider, BodyLimits limits,
            ProviderListener listener) {
        OpenAiCall call = new OpenAiCall(provider, limits, listener);
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
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (status / 100 != 2) {
            // Only the error's type and code are read; a longer body is cut, its status still counts.
            return new BoundedBody(limits.maxErrorBytes(), declared, this::subscribed, body -> rejected(info, body),
                    () -> rejected(info, new byte[0]));
        }
        String type = info.headers().firstValue("Content-Type").orElse("").trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            return new Chunks();
        }
        if (isJson(type)) {
            return new BoundedBody(limits.maxJsonBytes(), declared, this::subscribed, this::answered,
                    () -> fail(ProviderException.of(provider, Kind.PROTOCOL, "sent a JSON answer larger than "
                            + ConfigReader.formatBytes(limits.maxJsonBytes()))));
        }
        // A login portal or proxy page: not an answer, and asking again would bring the same page.
        LOG.warn("Provider {} answered HTTP {} with {} instead of an event stream or JSON; check "
                + "chatroute.providers.{}.base-url", provider, status, type.isEmpty() ? "no Content-Type"
                        : "Content-Type " + printable(type), provider);
        return new BoundedBody(0, declared, this::subscribed, body -> notAnAnswer(status), () -> notAnAnswer(status));
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
    }

    /** A provider's header value, fit for a log line: short, and no characters that could forge one. */
    private static String printable(String value) {
        String safe = value.replaceAll("[^A-Za-z0-9/+.;=_ -]", "");
        return safe.length() <= 60 ? safe : safe.substring(0, 60);
    }

    private void notAnAnswer(int status) {
        fail(ProviderException.of(provider, Kind.PROTOCOL, "answered HTTP " + status
                + " with something other than an event stream or JSON"));
    }

    /** A body subscriber began: {@link #cancel()} may now close the connection, and closes it at once if it came first. */
    private void subscribed(Flow.Subscription s) {
        subscription = s;
        if (finished.get()) {
            s.cancel();
        }
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
        tellModel(root);
        String text = WireFormat.text(choice.path("message").path("content"));
        if (!text.isEmpty()) {
            listener.onDelta(text);
        }
        if (!toolCalls(() -> toolCalls.answer(choice.path("message").get("tool_calls")))) {
            return;
        }
        Usage usage = WireFormat.usage(root);
        if (usage != null) {
            listener.onUsage(usage);
        }
        finish(WireFormat.finishReason(choice));
    }

    /** Reads tool-call pieces; false when they broke a bound, and the call has failed. */
    private boolean toolCalls(ToolCallReading reading) {
        try {
            reading.read();
            return true;
        } catch (ToolCallDeltas.Refused e) {
            fail(ProviderException.of(provider, Kind.PROTOCOL, e.getMessage()));
            return false;
        }
    }

    private interface ToolCallReading {
        void read() throws ToolCallDeltas.Refused;
    }

    /** Completes the answer with its reason, as the tool calls it carried make it (see {@link ToolCallDeltas}). */
    private void finish(String reason) {
        String unfinished = toolCalls.unfinished();
        if (unfinished != null) {
            fail(ProviderException.of(provider, Kind.PROTOCOL, unfinished));
            return;
        }
        String told = toolCalls.finishReason(reason);
        complete(told == null ? "stop" : told);
    }

    private void chunk(String event, String data) {
        if (finished.get()) {
            return;
        }
        if (data.equals("[DONE]")) {
            finish(finishReason);
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
        tellModel(root);
        JsonNode choice = WireFormat.firstChoice(root);
        String text = WireFormat.text(choice.path("delta").path("content"));
        if (!text.isEmpty()) {
            listener.onDelta(text);
        }
        if (!toolCalls(() -> toolCalls.stream(choice.path("delta").get("tool_calls")))) {
            return;
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

    /** Chunks arrive one at a time (the next batch is asked for after this one), so no lock is needed. */
    private void tellModel(JsonNode root) {
        if (!modelTold) {
            String model = WireFormat.model(root);
            if (model != null) {
                modelTold = true;
                listener.onModel(model);
            }
        }
    }

    private void streamEnded(Throwable failure) {
        if (finished.get()) {
            return;
        }
        if (finishReason != null) {
            // A finish_reason without [DONE] is a complete answer: some servers never send [DONE].
            finish(finishReason);
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
            // Logged by class and stack only: a message may quote a URL's query or a header value.
            LOG.warn("Call to provider {} failed unexpectedly", provider, withoutMessages(failure));
            fail(new ProviderException(provider, Kind.PROTOCOL, 0, null, "call failed", null));
        }
    }

    private void complete(String reason) {
        if (finished.compareAndSet(false, true)) {
            listener.onComplete(reason);
        }
    }

    /** Fails the call; a body still arriving is not read further (its connection is closed). */
    private void fail(ProviderException failure) {
        if (finished.compareAndSet(false, true)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel(); // a no-op once the body is complete
            }
            listener.onError(failure);
        }
    }

    /** The same failure, its causes and stack traces, with each message replaced by its class name. */
    static Throwable withoutMessages(Throwable t) {
        return withoutMessages(t, 8);
    }

    private static Throwable withoutMessages(Throwable t, int depth) {
        Throwable cause = t.getCause();
        RuntimeException copy = new RuntimeException(t.getClass().getName(),
                cause == null || cause == t || depth == 0 ? null : withoutMessages(cause, depth - 1), false, true) { };
        copy.setStackTrace(t.getStackTrace());
        return copy;
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
    private final class Chunks implements BodySubscriber<Void>, LineSplitter.Sink {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final SseParser parser = new SseParser(OpenAiCall.this::chunk, limits.maxLineBytes(), this::tooLong);
        private final LineSplitter lines = new LineSplitter(limits.maxLineBytes(), this);

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscribed(s);
            if (!finished.get()) {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (finished.get()) {
                // The answer is over ([DONE], or a failure): what comes after it is not read.
                if (buffers.stream().anyMatch(ByteBuffer::hasRemaining)) {
                    subscription.cancel();
                }
                return;
            }
            for (ByteBuffer buffer : buffers) {
                lines.feed(buffer);
            }
            if (finished.get()) {
                subscription.request(1); // after [DONE]: let the body end, so the connection may be reused
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
        public void line(String line, int bytes) {
            parser.line(line, bytes);
        }

        @Override
        public void tooLong() {
            fail(ProviderException.of(provider, Kind.PROTOCOL, "sent a stream line or event longer than "
                    + ConfigReader.formatBytes(limits.maxLineBytes()) + " (chatroute.upstream.max-line-bytes)"));
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
