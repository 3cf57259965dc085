package dev.chatroute.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenAI-compatible server for tests, on a raw socket so that it can do what real
 * providers do when things go wrong: SSE chunks with and without usage and {@code [DONE]}, JSON
 * errors with {@code Retry-After}, hangs, and connections dropped mid-stream. It records every
 * call and notices when a client closes its connection.
 */
public final class FakeProvider implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket server;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = Reply.stream("Hello", " from", " the", " fake", " provider.");
    private volatile boolean closed;
    private final boolean tls;

    private FakeProvider(javax.net.ssl.SSLContext tls) throws IOException {
        this.tls = tls != null;
        server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-provider-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FakeProvider start() {
        return start(null);
    }

    /** A fake serving HTTPS with {@code tls}'s certificate (see {@link TestTls}). */
    public static FakeProvider startTls(javax.net.ssl.SSLContext tls) {
        return start(java.util.Objects.requireNonNull(tls, "tls"));
    }

    private static FakeProvider start(javax.net.ssl.SSLContext tls) {
        try {
            return new FakeProvider(tls);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake provider", e);
        }
    }

    /** The base URL to configure, ending in {@code /v1}. */
    public URI baseUrl() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort() + "/v1");
    }

    /** Queues replies, used one per call in order; after them, the default reply. */
    public FakeProvider enqueue(Reply... next) {
        Collections.addAll(replies, next);
        return this;
    }

    /** The reply for calls once the queue is empty. */
    public FakeProvider byDefault(Reply reply) {
        this.fallback = reply;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public int callCount() {
        return calls.size();
    }

    public Call lastCall() {
        if (calls.isEmpty()) {
            throw new AssertionError("the fake provider was never called");
        }
        return calls.get(calls.size() - 1);
    }

    /** Forgets queued replies and recorded calls. */
    public void reset() {
        replies.clear();
        calls.clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "fake-provider-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void serve(Socket socket) {
        Call call = null;
        try (socket) {
            InputStream in = socket.getInputStream();
            call = readRequest(in);
            if (call == null) {
                return;
            }
            calls.add(call);
            watchForClose(socket, in, call);
            Reply reply = replies.poll();
            new ReplyWriter(reply == null ? fallback : reply, call, socket.getOutputStream()).write();
            call.finished = true;
        } catch (IOException e) {
            if (call != null) {
                call.clientClosed.complete(System.nanoTime()); // a write failed: the client is gone
            }
        } finally {
            open.remove(socket);
        }
    }

    /** Any byte or end of stream after the request means the client is gone (we never keep alive). */
    private static void watchForClose(Socket socket, InputStream in, Call call) {
        Thread watcher = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // a client that sends more is not speaking HTTP/1.1 to us; keep reading
                }
            } catch (IOException ignored) {
                // reset by peer counts as closed too
            }
            if (!call.finished) {
                call.clientClosed.complete(System.nanoTime());
            }
        }, "fake-provider-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Call readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
        byte[] body = in.readNBytes(length);
        String[] parts = requestLine.split(" ");
        return new Call(parts[0], parts.length > 1 ? parts[1] : "", headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** One recorded call. */
    public static final class Call {
        public final String method;
        public final String path;
        public final Map<String, String> headers;
        public final String body;
        final CompletableFuture<Long> clientClosed = new CompletableFuture<>();
        volatile boolean finished;
        final java.util.concurrent.atomic.AtomicInteger deltasSent = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong bytesSent = new java.util.concurrent.atomic.AtomicLong();

        Call(String method, String path, Map<String, String> headers, String body) {
            this.method = method;
            this.path = path;
            this.headers = Collections.unmodifiableMap(headers);
            this.body = body;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the call's body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name);
        }

        /** True once the client closed the connection before the fake finished answering. */
        /** How many deltas were written into the socket so far (the client may not have read them). */
        public int deltasSent() {
            return deltasSent.get();
        }

        /** How many body bytes of a {@link Reply#flood} were written into the socket so far. */
        public long bytesSent() {
            return bytesSent.get();
        }

        public boolean clientClosed() {
            return clientClosed.isDone();
        }

        /** Waits for the client to close; returns the {@link System#nanoTime()} at which it did. */
        public long awaitClientClose(Duration limit) {
            try {
                return clientClosed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("the client did not close its connection to the provider within "
                        + limit.toMillis() + "ms");
            }
        }
    }

    /** Writes one reply: status line, headers, then the body as the reply says. */
    private final class ReplyWriter {
        private final Reply reply;
        private final Call call;
        private final OutputStream out;

        ReplyWriter(Reply reply, Call call, OutputStream out) {
            this.reply = reply;
            this.call = call;
            this.out = out;
        }

        void write() throws IOException {
            sleep(reply.firstDelay);
            switch (reply.kind) {
                case HANG -> holdUntilClosed();
                case JSON -> whole(200, "application/json", answerJson(reply.deltas.get(0)));
                case ERROR -> whole(reply.status, "application/json", reply.body);
                case RAW -> whole(reply.status, reply.headers.getOrDefault("Content-Type", "text/plain"), reply.body);
                case FLOOD -> flood();
                case TOOLS -> {
                    if (call.json().path("stream").asBoolean()) {
                        streamToolCalls();
                    } else {
                        whole(200, "application/json", toolCallsJson());
                    }
                }
                case REPLAY -> replay();
                case STREAM -> {
                    if (call.json().path("stream").asBoolean()) {
                        stream();
                    } else {
                        // A provider answers in the form asked for: the same deltas, joined, as JSON.
                        whole(200, "application/json", answerJson(String.join("", reply.deltas)));
                    }
                }
            }
        }

        private void whole(int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
            head.append("Content-Type: ").append(type).append("\r\n");
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
            extraHeaders(head);
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        }

        private void stream() throws IOException {
            streamHead();
            String id = "chatcmpl-fake" + calls.size();
            chunk(event(chunkJson(id, "{\"role\":\"assistant\",\"content\":\"\"}", null)));
            int sent = 0;
            while (reply.endless && !closed && !call.clientClosed()) {
                sleep(reply.gap);
                chunk(event(chunkJson(id, "{\"content\":" + quote("w" + sent + " ") + "}", null)));
                sent++;
                call.deltasSent.incrementAndGet();
            }
            if (reply.endless) {
                return;
            }
            for (String delta : reply.deltas) {
                if (sent == reply.cutAfter) {
                    return; // dropped: no terminating chunk, the socket just closes
                }
                if (sent == reply.hangAfter) {
                    holdUntilClosed();
                    return;
                }
                sleep(reply.gap);
                chunk(event(chunkJson(id, "{\"content\":" + quote(delta) + "}", null)));
                sent++;
                call.deltasSent.incrementAndGet();
            }
            if (sent == reply.cutAfter) {
                return;
            }
            if (sent == reply.hangAfter) {
                holdUntilClosed();
                return;
            }
            if (reply.finish) {
                chunk(event(chunkJson(id, "{}", reply.finishReason)));
                if (reply.usage) {
                    chunk(event("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                            + "\"usage\":" + usageJson() + "}"));
                }
            }
            if (reply.done) {
                chunk(event("[DONE]"));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private void streamHead() throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
            head.append("Content-Type: text/event-stream; charset=utf-8\r\n");
            head.append("Transfer-Encoding: chunked\r\n");
            extraHeaders(head);
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** OpenAI's shape: a first piece with id and name, then the arguments piece by piece, by index. */
        private void streamToolCalls() throws IOException {
            streamHead();
            String id = "chatcmpl-fake" + calls.size();
            chunk(event(chunkJson(id, "{\"role\":\"assistant\",\"content\":null}", null)));
            for (int i = 0; i < reply.toolCalls.size(); i++) {
                Reply.ToolCallReply c = reply.toolCalls.get(i);
                chunk(event(chunkJson(id, "{\"tool_calls\":[{\"index\":" + i + ",\"id\":" + quote(c.id())
                        + ",\"type\":\"function\",\"function\":{\"name\":" + quote(c.name())
                        + ",\"arguments\":\"\"}}]}", null)));
                for (String piece : c.argumentPieces()) {
                    sleep(reply.gap);
                    chunk(event(chunkJson(id, "{\"tool_calls\":[{\"index\":" + i + ",\"function\":{\"arguments\":"
                            + quote(piece) + "}}]}", null)));
                    call.deltasSent.incrementAndGet();
                }
            }
            chunk(event(chunkJson(id, "{}", reply.finishReason)));
            if (reply.usage) {
                chunk(event("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                        + "\"usage\":" + usageJson() + "}"));
            }
            chunk(event("[DONE]"));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private String toolCallsJson() {
            StringBuilder list = new StringBuilder();
            for (Reply.ToolCallReply c : reply.toolCalls) {
                list.append(list.length() == 0 ? "" : ",").append("{\"id\":").append(quote(c.id()))
                        .append(",\"type\":\"function\",\"function\":{\"name\":").append(quote(c.name()))
                        .append(",\"arguments\":").append(quote(c.arguments())).append("}}");
            }
            return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"model\":" + quote(answeringModel())
                    + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                    + "\"tool_calls\":[" + list + "]},\"finish_reason\":\"" + reply.finishReason + "\"}]"
                    + (reply.usage ? ",\"usage\":" + usageJson() : "") + "}";
        }

        /** A recorded body as it was: a stream one event (or {@code pieceBytes}) per chunk, JSON whole. */
        private void replay() throws IOException {
            String type = reply.headers.get("Content-Type");
            if (!type.startsWith("text/event-stream")) {
                whole(200, type, reply.body);
                return;
            }
            streamHead();
            byte[] all = reply.body.getBytes(StandardCharsets.UTF_8);
            if (reply.pieceBytes > 0) {
                for (int at = 0; at < all.length; at += reply.pieceBytes) {
                    sleep(reply.gap);
                    rawChunk(java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + reply.pieceBytes)));
                }
            } else {
                for (String event : reply.body.split("(?<=\n\n)")) {
                    sleep(reply.gap);
                    rawChunk(event.getBytes(StandardCharsets.UTF_8));
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private void rawChunk(byte[] bytes) throws IOException {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private void flood() throws IOException {
            byte[] prefix = reply.body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + reply.status + " " + reason(reply.status) + "\r\n");
            head.append("Content-Type: ").append(reply.headers.get("Content-Type")).append("\r\n");
            head.append(reply.declareLength ? "Content-Length: " + (prefix.length + reply.floodBytes)
                    : "Transfer-Encoding: chunked").append("\r\n");
            extraHeaders(head);
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            floodChunk(prefix, prefix.length);
            byte[] filler = new byte[64 * 1024];
            java.util.Arrays.fill(filler, (byte) 'x');
            for (long left = reply.floodBytes; left > 0 && !closed && !call.clientClosed(); ) {
                int n = (int) Math.min(filler.length, left);
                floodChunk(filler, n);
                call.bytesSent.addAndGet(n);
                left -= n;
            }
            if (!reply.declareLength) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        }

        private void floodChunk(byte[] bytes, int length) throws IOException {
            if (reply.declareLength) {
                out.write(bytes, 0, length);
                return;
            }
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes, 0, length);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        private void holdUntilClosed() {
            while (!closed && !call.clientClosed()) {
                sleep(Duration.ofMillis(20));
            }
        }

        private String answerJson(String text) {
            return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"model\":" + quote(answeringModel()) + ","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(text)
                    + "},\"finish_reason\":\"" + reply.finishReason + "\"}]"
                    + (reply.usage ? ",\"usage\":" + usageJson() : "") + "}";
        }

        private String usageJson() {
            int completion = reply.deltas.size();
            return "{\"prompt_tokens\":" + reply.promptTokens + ",\"completion_tokens\":" + completion
                    + ",\"total_tokens\":" + (reply.promptTokens + completion)
                    + (reply.cachedTokens == Reply.ABSENT ? "" : ",\"prompt_tokens_details\":{\"cached_tokens\":" + reply.cachedTokens + "}")
                    + (reply.reasoningTokens == Reply.ABSENT ? ""
                            : ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reply.reasoningTokens + "}")
                    + "}";
        }

        private String chunkJson(String id, String delta, String finishReason) {
            return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":" + quote(answeringModel()) + ","
                    + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                    + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
        }

        /** The model the answer names: the reply's, else the one asked for (as most providers answer). */
        private String answeringModel() {
            if (reply.model != null) {
                return reply.model;
            }
            try {
                return call.json().path("model").asText("fake-model");
            } catch (AssertionError notJson) {
                return "fake-model";
            }
        }

        private String event(String data) {
            return "data: " + data + "\n\n";
        }

        private void chunk(String text) throws IOException {
            rawChunk(text.getBytes(StandardCharsets.UTF_8));
        }

        private void extraHeaders(StringBuilder head) {
            reply.headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-Type")) {
                    head.append(k).append(": ").append(v).append("\r\n");
                }
            });
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 302 -> "Found";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
