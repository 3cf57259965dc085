package dev.chatroute.sample.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol session over the JDK's WebSocket: {@link #send} writes
 * {@code {"id", "method", "params"}} and waits, with a time limit, for the message with the same
 * id; messages without an id are events, handed to whoever subscribed to their method.
 */
final class CdpConnection implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> subscribers = new ConcurrentHashMap<>();
    private final WebSocket socket;
    private volatile String closedBecause;

    private CdpConnection(URI webSocketUrl, Duration timeout) {
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(webSocketUrl, new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the DevTools WebSocket " + webSocketUrl + ": " + e, e);
        }
    }

    static CdpConnection open(URI webSocketUrl, Duration timeout) {
        return new CdpConnection(webSocketUrl, timeout);
    }

    /** Calls {@code handler} with the params of every later event named {@code method}. */
    void subscribe(String method, Consumer<JsonNode> handler) {
        subscribers.put(method, handler);
    }

    /** Sends a command and returns its {@code result}; a protocol error or the time limit fails. */
    JsonNode send(String method, Map<String, ?> params, Duration timeout) {
        if (closedBecause != null) {
            throw new IllegalStateException("the DevTools connection is closed (" + closedBecause + "); cannot send "
                    + method);
        }
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) { // one frame at a time: sendText must not overlap
                socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer from the browser within " + timeout.toMillis() + "ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        closed("closed by the test");
        socket.abort();
    }

    private void closed(String why) {
        if (closedBecause == null) {
            closedBecause = why;
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(
                "the DevTools connection closed: " + why)));
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return; // not JSON: nothing we asked for
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else {
            Consumer<JsonNode> handler = subscribers.get(message.path("method").asText());
            if (handler != null) {
                handler.accept(message.path("params"));
            }
        }
    }

    /** Joins the frames of each message (screenshots arrive in many) and dispatches it. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed("the browser closed it (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(String.valueOf(error));
        }
    }
}
