package dev.chatroute.sample.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An OpenAI-compatible chat-completions fake on Jetty's core API that holds no thread while it
 * waits: every gap is a timer task and every write completes through a callback, so thousands of
 * open streams cost sockets and buffers only (FakeProvider uses two threads per connection).
 *
 * <p>What it answers is chosen by a marker in the request body (the user's message reaches the
 * provider verbatim), so the gateway needs no per-phase configuration: see {@link Profile}.
 */
final class LeanFakeProvider implements AutoCloseable {

    /** How one call is answered. */
    enum Profile {
        /** 5 deltas at once (default). */
        FAST(0, 5, 0, 8, -1),
        /** {@code #slow}: first token after 200 ms, then 50 chunks 100 ms apart. */
        SLOW(200, 50, 100, 8, -1),
        /** {@code #hang}: headers, then nothing (no first token) for {@link #HOLD_MS}. */
        HANG(0, 0, 0, 0, 0),
        /** {@code #stall}: 3 deltas, then silence for {@link #HOLD_MS} (an idle timeout's case). */
        STALL(0, 10, 0, 8, 3),
        /** {@code #big}: 2,000 deltas of 4 KiB at once, more than socket buffers hold. */
        BIG(0, 2000, 0, 4096, -1);

        final int firstDelayMs;
        final int deltas;
        final int gapMs;
        final int deltaChars;
        final int stallAfter;

        Profile(int firstDelayMs, int deltas, int gapMs, int deltaChars, int stallAfter) {
            this.firstDelayMs = firstDelayMs;
            this.deltas = deltas;
            this.gapMs = gapMs;
            this.deltaChars = deltaChars;
            this.stallAfter = stallAfter;
        }

        static Profile of(String body) {
            for (Profile p : values()) {
                if (p != FAST && body.contains("#" + p.name().toLowerCase(java.util.Locale.ROOT))) {
                    return p;
                }
            }
            return FAST;
        }
    }

    /** How long a hang or a stall lasts before the fake ends the stream itself (bounded, never forever). */
    static final int HOLD_MS = 20_000;

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fake-timer");
        t.setDaemon(true);
        return t;
    });

    LeanFakeProvider() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 4);
        pool.setName("fake-qtp");
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096); // bursts of thousands of connects must not wait for SYN retries
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.asString(request, StandardCharsets.UTF_8, new Promise<>() {
                    @Override
                    public void succeeded(String body) {
                        answer(body, response, callback);
                    }

                    @Override
                    public void failed(Throwable failure) {
                        callback.failed(failure);
                    }
                });
                return true;
            }
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/v1");
    }

    private void answer(String body, Response response, Callback callback) {
        Profile profile = Profile.of(body);
        boolean stream = body.replace(" ", "").contains("\"stream\":true");
        response.setStatus(200);
        if (!stream) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            String json = "{\"id\":\"chatcmpl-lean\",\"object\":\"chat.completion\",\"model\":\"fake-model\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                    + text(profile) + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage(profile) + "}";
            timer.schedule(() -> Content.Sink.write(response, true, json, callback),
                    profile.firstDelayMs, TimeUnit.MILLISECONDS);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        if (profile == Profile.HANG) {
            // Commit the headers (as a real provider does), then send no token at all.
            response.write(false, null, Callback.from(() -> later(HOLD_MS, () -> finish(profile, response, callback)),
                    callback::failed));
            return;
        }
        later(profile.firstDelayMs, () -> send(profile, 0, response, callback));
    }

    /** Sends delta {@code i}, then schedules the next: one timer task per chunk, no thread held. */
    private void send(Profile p, int i, Response response, Callback callback) {
        if (i == p.deltas) {
            finish(p, response, callback);
            return;
        }
        String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"" + word(p, i) + "\"}"
                : "{\"content\":\"" + word(p, i) + "\"}";
        write(response, chunk(delta, "null"), Callback.from(() -> {
            int next = i + 1;
            long wait = next == p.stallAfter ? HOLD_MS : p.gapMs;
            // Always through the timer, even without a gap: a write may complete on this stack,
            // and 2,000 nested sends would overflow it.
            later(wait, () -> send(p, next, response, callback));
        }, callback::failed));
    }

    private void finish(Profile p, Response response, Callback callback) {
        String tail = chunk("{}", "\"stop\"")
                + "data: {\"id\":\"chatcmpl-lean\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + usage(p) + "}\n\ndata: [DONE]\n\n";
        response.write(true, ByteBuffer.wrap(tail.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static void write(Response response, String text, Callback then) {
        response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), then);
    }

    private void later(long millis, Runnable task) {
        timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-lean\",\"object\":\"chat.completion.chunk\",\"model\":\"fake-model\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}\n\n";
    }

    private static String word(Profile p, int i) {
        String w = "w" + i + " ";
        return p.deltaChars <= w.length() ? w : w + "x".repeat(p.deltaChars - w.length());
    }

    private static String text(Profile p) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < Math.min(p.deltas, 50); i++) {
            all.append(word(p, i));
        }
        return all.toString();
    }

    private static String usage(Profile p) {
        return "{\"prompt_tokens\":11,\"completion_tokens\":" + p.deltas + ",\"total_tokens\":" + (11 + p.deltas) + "}";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the fake provider did not stop", e);
        }
    }
}
