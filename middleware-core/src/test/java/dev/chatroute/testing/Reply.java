package dev.chatroute.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@link FakeProvider} answers to one call, in the real OpenAI wire format. */
public final class Reply {

    enum Kind { JSON, STREAM, ERROR, HANG, RAW, FLOOD, TOOLS, REPLAY }

    final Kind kind;
    final List<String> deltas;
    final int status;
    final String body;
    final Map<String, String> headers = new LinkedHashMap<>();
    Duration firstDelay = Duration.ZERO;
    Duration gap = Duration.ZERO;
    boolean usage = true;
    boolean done = true;
    boolean finish = true;
    int cutAfter = -1;
    int hangAfter = -1;
    int promptTokens = 11;
    static final int ABSENT = Integer.MIN_VALUE; // no prompt_tokens_details / completion_tokens_details
    int cachedTokens = ABSENT;
    int reasoningTokens = ABSENT;
    String finishReason = "stop";
    boolean endless;
    long floodBytes;
    boolean declareLength;
    String model; // the model the answer names; null: the one the request asked for
    final List<ToolCallReply> toolCalls = new ArrayList<>();
    int pieceBytes; // for a replayed stream: the size of each chunk written, 0 for one chunk per event

    /** One tool call of a {@link #toolCall} reply: its arguments in the pieces a stream sends them in. */
    record ToolCallReply(String id, String name, List<String> argumentPieces) {
        String arguments() {
            return String.join("", argumentPieces);
        }
    }

    private Reply(Kind kind, List<String> deltas, int status, String body) {
        this.kind = kind;
        this.deltas = deltas;
        this.status = status;
        this.body = body;
    }

    /** A non-streaming answer with this text and a usage block. */
    public static Reply json(String text) {
        return new Reply(Kind.JSON, List.of(text), 200, null);
    }

    /** A stream of these deltas, then a finish reason, a usage chunk and {@code [DONE]}. */
    public static Reply stream(String... deltas) {
        return new Reply(Kind.STREAM, List.of(deltas), 200, null);
    }

    /** A stream of {@code count} numbered deltas ("w0 ", "w1 ", ...). */
    public static Reply words(int count) {
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deltas.add("w" + i + " ");
        }
        return new Reply(Kind.STREAM, List.copyOf(deltas), 200, null);
    }

    /**
     * An answer that calls a tool, in OpenAI's shape: streamed as a first piece with {@code index},
     * {@code id}, {@code type} and {@code function.name} (arguments {@code ""}), then one piece per
     * argument piece with only {@code index} and {@code function.arguments}, then
     * {@code finish_reason: "tool_calls"}, usage and {@code [DONE]}; asked without {@code stream}, one
     * JSON answer with {@code message.content: null} and the joined arguments in {@code message.tool_calls}.
     * Add more calls with {@link #andToolCall}.
     */
    public static Reply toolCall(String id, String name, String... argumentPieces) {
        Reply r = new Reply(Kind.TOOLS, List.of(), 200, null);
        r.finishReason = "tool_calls";
        return r.andToolCall(id, name, argumentPieces);
    }

    /** Another call in the same answer (index 1, 2, ...), streamed after the ones before it. */
    public Reply andToolCall(String id, String name, String... argumentPieces) {
        if (kind != Kind.TOOLS) {
            throw new IllegalStateException("andToolCall follows Reply.toolCall");
        }
        toolCalls.add(new ToolCallReply(id, name, List.of(argumentPieces)));
        return this;
    }

    /**
     * A recorded answer replayed byte for byte from a test resource (under {@code src/test/resources},
     * e.g. {@code "replay/gemini-tools.sse"}): a {@code .sse} file is sent as {@code text/event-stream},
     * one chunk per event (see {@link #inPiecesOf} to cut it elsewhere); a {@code .json} file as one
     * {@code application/json} body. Fixtures in this jar: {@code replay/*.sse}, each naming its source.
     */
    public static Reply replay(String resource) {
        String body;
        try (java.io.InputStream in = Reply.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        Reply r = new Reply(Kind.REPLAY, List.of(), 200, body);
        r.headers.put("Content-Type", resource.endsWith(".json") ? "application/json" : "text/event-stream");
        return r;
    }

    /** For {@link #replay}: writes the stream in chunks of this many bytes, cutting lines and characters anywhere. */
    public Reply inPiecesOf(int bytes) {
        this.pieceBytes = bytes;
        return this;
    }

    /** An OpenAI-style JSON error with this status. */
    public static Reply error(int status, String type, String message) {
        String json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,"
                + "\"code\":\"" + type + "\"}}";
        return new Reply(Kind.ERROR, List.of(), status, json);
    }

    /** Any status and body, verbatim. */
    public static Reply raw(int status, String contentType, String body) {
        Reply r = new Reply(Kind.RAW, List.of(), status, body);
        r.headers.put("Content-Type", contentType);
        return r;
    }

    /**
     * A stream that never ends: numbered deltas ("w0 ", "w1 ", ...) until the client closes the
     * connection, as a provider that ignores {@code max_tokens} sends them.
     */
    public static Reply endless() {
        Reply r = new Reply(Kind.STREAM, List.of(), 200, null);
        r.endless = true;
        return r;
    }

    /**
     * A body of {@code prefix} and then {@code bytes} more bytes ({@code x}), with no line break, sent
     * chunked as fast as the client reads; it stops when the client closes the connection. With
     * {@code text/event-stream} and a {@code data:} prefix it is one endless stream line; with JSON, an
     * answer or error that never closes.
     */
    public static Reply flood(int status, String contentType, String prefix, long bytes) {
        Reply r = new Reply(Kind.FLOOD, List.of(), status, prefix);
        r.headers.put("Content-Type", contentType);
        r.floodBytes = bytes;
        return r;
    }

    /** For {@link #flood}: announce the body's length in {@code Content-Length} instead of chunking it. */
    public Reply declaringLength() {
        this.declareLength = true;
        return this;
    }

    /** Accepts the call and never answers, until the client closes the connection. */
    public static Reply hang() {
        return new Reply(Kind.HANG, List.of(), 0, null);
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Waits this long before the first byte of the response. */
    public Reply firstDelay(Duration delay) {
        this.firstDelay = delay;
        return this;
    }

    /** Waits this long between chunks. */
    public Reply gap(Duration gap) {
        this.gap = gap;
        return this;
    }

    public Reply withoutUsage() {
        this.usage = false;
        return this;
    }

    public Reply withoutDone() {
        this.done = false;
        return this;
    }

    /** Ends the stream cleanly after the deltas but never sends a finish reason (nor [DONE]). */
    public Reply withoutFinish() {
        this.finish = false;
        this.done = false;
        return this;
    }

    public Reply finishReason(String reason) {
        this.finishReason = reason;
        return this;
    }

    /** Drops the connection (no chunk terminator) after this many deltas. */
    public Reply cutAfter(int deltas) {
        this.cutAfter = deltas;
        return this;
    }

    /** Stops sending after this many deltas and holds the connection open. */
    public Reply hangAfter(int deltas) {
        this.hangAfter = deltas;
        return this;
    }

    /** Names this model in the answer's chunks or body ({@code "model"}), as providers name a dated version. */
    public Reply answeringAs(String model) {
        this.model = model;
        return this;
    }

    public Reply promptTokens(int tokens) {
        this.promptTokens = tokens;
        return this;
    }

    /** Reports this many of the prompt tokens as cached ({@code prompt_tokens_details.cached_tokens}). */
    public Reply cachedTokens(int tokens) {
        this.cachedTokens = tokens;
        return this;
    }

    /** Reports this many of the completion tokens as reasoning ({@code completion_tokens_details.reasoning_tokens}). */
    public Reply reasoningTokens(int tokens) {
        this.reasoningTokens = tokens;
        return this;
    }
}
