package dev.chatroute.internal.facade;

import dev.chatroute.ApiError;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.pipeline.AnswerFormat;
import dev.chatroute.internal.pipeline.Dialect;

/**
 * The OpenAI-compatible facade's language (CONTRACT §4): OpenAI's chat completions request
 * ({@link OpenAiRequests}), its answers and chunks ({@link OpenAiFormat}) and its error object and
 * statuses ({@link OpenAiErrors}). Everything between is the chat route's pipeline.
 */
public final class OpenAiDialect implements Dialect {

    private final OpenAiRequests requests;

    public OpenAiDialect(Settings settings) {
        this.requests = new OpenAiRequests(settings.input(), alias -> settings.model(alias) != null);
    }

    /** The body alone decides a stream ({@code "stream": true}), as OpenAI's SDKs send it; never {@code Accept}. */
    @Override
    public Parsed parse(byte[] body, String accept) {
        return requests.parse(body);
    }

    @Override
    public int status(ApiError error) {
        return OpenAiErrors.status(error);
    }

    @Override
    public String errorBody(ApiError error, String requestId) {
        return OpenAiErrors.body(error); // the request id travels in X-Request-Id, outside OpenAI's object
    }

    @Override
    public AnswerFormat answerFormat(String requestId, String completionId, long createdSeconds, Parsed parsed) {
        return new OpenAiFormat(completionId, createdSeconds, parsed.request().model(), parsed.streamUsage());
    }
}
