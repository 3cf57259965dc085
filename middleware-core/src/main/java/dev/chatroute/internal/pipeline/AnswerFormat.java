package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import java.util.List;

/**
 * How one admitted call's answer is written: the contract's own events and JSON (CONTRACT §1), or
 * the OpenAI chat completions shapes of the facade (§4). One per call, used on the call's loop only,
 * so an implementation may keep state (a chunk id, whether the role was sent).
 */
public interface AnswerFormat {

    /** One server-sent event; {@code event} null for a {@code data:}-only event (OpenAI's streams). */
    record Event(String event, String data) {
    }

    /**
     * Whether a stream's 200 waits for its first chunk, so that a refusal or a provider failure
     * before it is still an HTTP status (the facade: SDKs retry on a status, never on an event).
     */
    boolean opensOnFirstChunk();

    /** What a stream starts with, as it opens. */
    List<Event> opening();

    /** A piece of the answer's text. */
    List<Event> delta(String text);

    /** A piece of a tool call: {@code id} and {@code name} on a call's first piece only. */
    List<Event> toolCall(int index, String id, String name, String argumentsDelta);

    /** The stream's last events, after the last piece. */
    List<Event> end(String finishReason, Usage usage);

    /** A failure once the stream is open: its last event. */
    List<Event> streamError(ApiError error);

    /** The whole answer of a JSON call. */
    String answer(String text, List<ToolCall> toolCalls, String finishReason, Usage usage);

    /** The HTTP status of an error answered as JSON. */
    int status(ApiError error);

    /** The JSON body of an error. */
    String errorBody(ApiError error);
}
