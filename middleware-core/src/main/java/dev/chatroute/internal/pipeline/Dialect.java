package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ChatRequest;

/**
 * A route's language: how its requests are read and its answers and refusals written. The chat
 * route speaks the contract's own (CONTRACT §1, {@link ChatrouteDialect}); the OpenAI facade speaks
 * OpenAI's. Everything between (identity, limits, PII, routing, usage) is the same pipeline.
 */
public interface Dialect {

    /** A parsed request, and whether its stream ends with a usage report. */
    record Parsed(ChatRequest request, boolean streamUsage) {
    }

    /**
     * Parses and validates a body.
     *
     * @throws dev.chatroute.ApiErrorException with the contract's 400 for bad input
     */
    Parsed parse(byte[] body, String accept);

    /** The HTTP status of a refusal or failure answered as JSON. */
    int status(ApiError error);

    /** The JSON body of a refusal or failure. */
    String errorBody(ApiError error, String requestId);

    /**
     * The format of one admitted call's answer.
     *
     * @param completionId the answer's id ({@code chatcmpl-...})
     * @param createdSeconds when the call was admitted, in Unix seconds
     */
    AnswerFormat answerFormat(String requestId, String completionId, long createdSeconds, Parsed parsed);
}
