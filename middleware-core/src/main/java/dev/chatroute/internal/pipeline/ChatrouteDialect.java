package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import dev.chatroute.internal.json.Bodies;
import dev.chatroute.internal.request.RequestParser;
import java.util.List;

/** The chat route's own language (CONTRACT §1): {@code meta}, {@code delta}, {@code tool_call}, {@code usage}, {@code done}. */
final class ChatrouteDialect implements Dialect {

    private final RequestParser parser;

    ChatrouteDialect(RequestParser parser) {
        this.parser = parser;
    }

    @Override
    public Parsed parse(byte[] body, String accept) {
        return new Parsed(parser.parse(body, accept), true);
    }

    @Override
    public int status(ApiError error) {
        return error.status();
    }

    @Override
    public String errorBody(ApiError error, String requestId) {
        return Bodies.error(error, requestId);
    }

    @Override
    public AnswerFormat answerFormat(String requestId, String completionId, long createdSeconds, Parsed parsed) {
        return new Format(requestId, completionId, parsed.request().model());
    }

    private record Format(String requestId, String completionId, String model) implements AnswerFormat {

        @Override
        public boolean opensOnFirstChunk() {
            return false; // JAX-RS commits an SseEventSink's 200 when the resource method returns
        }

        @Override
        public List<Event> opening() {
            return List.of(new Event("meta", Bodies.meta(requestId, model)));
        }

        @Override
        public List<Event> delta(String text) {
            return List.of(new Event("delta", Bodies.delta(text)));
        }

        @Override
        public List<Event> toolCall(int index, String id, String name, String argumentsDelta) {
            return List.of(new Event("tool_call", Bodies.toolCall(index, id, name, argumentsDelta)));
        }

        @Override
        public List<Event> end(String finishReason, Usage usage) {
            return List.of(new Event("usage", Bodies.usage(usage)), new Event("done", Bodies.done(finishReason)));
        }

        @Override
        public List<Event> streamError(ApiError error) {
            return List.of(new Event("error", Bodies.error(error, requestId)));
        }

        @Override
        public String answer(String text, List<ToolCall> toolCalls, String finishReason, Usage usage) {
            return Bodies.answer(completionId, requestId, model, text, toolCalls, finishReason, usage);
        }

        @Override
        public int status(ApiError error) {
            return error.status();
        }

        @Override
        public String errorBody(ApiError error) {
            return Bodies.error(error, requestId);
        }
    }
}
