package dev.chatroute.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ApiError;
import dev.chatroute.ChatAnswer;
import dev.chatroute.ToolCall;
import dev.chatroute.Usage;
import dev.chatroute.internal.json.Json;
import dev.chatroute.spi.ResponseChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The channel of a call made in code: it reads the contract's JSON answer or error back into a
 * {@link ChatAnswer} or an {@link dev.chatroute.ApiErrorException}, so such a call goes through the
 * very same session as an HTTP call, limits and usage records included.
 */
final class DirectChannel implements ResponseChannel {

    private final CompletableFuture<ChatAnswer> answer = new CompletableFuture<>();

    CompletableFuture<ChatAnswer> answer() {
        return answer;
    }

    @Override
    public void sendJson(int status, Map<String, String> headers, String json) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            if (status == 200) {
                JsonNode usage = root.path("usage");
                List<ToolCall> toolCalls = new ArrayList<>();
                for (JsonNode call : root.path("toolCalls")) {
                    toolCalls.add(new ToolCall(call.path("id").asText(), call.path("name").asText(),
                            call.path("arguments").asText()));
                }
                answer.complete(new ChatAnswer(root.path("id").asText(), root.path("requestId").asText(),
                        root.path("model").asText(), root.path("text").asText(), root.path("finishReason").asText(),
                        new Usage(usage.path("inputTokens").asInt(), usage.path("outputTokens").asInt()), toolCalls));
            } else {
                JsonNode e = root.path("error");
                String retryAfter = headers.get("Retry-After");
                answer.completeExceptionally(new ApiError(status, e.path("type").asText(), e.path("code").asText(),
                        e.path("message").asText(), e.hasNonNull("param") ? e.path("param").asText() : null,
                        retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter))).toException());
            }
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    @Override
    public void openStream(Map<String, String> headers) {
        throw new IllegalStateException("a call made in code is never streamed");
    }

    @Override
    public boolean sendEvent(String event, String data) {
        throw new IllegalStateException("a call made in code is never streamed");
    }

    @Override
    public boolean sendComment(String text) {
        throw new IllegalStateException("a call made in code is never streamed");
    }

    @Override
    public void closeStream() {
    }

    @Override
    public void abort() {
        answer.completeExceptionally(new java.util.concurrent.CancellationException("the call was cancelled"));
    }
}
