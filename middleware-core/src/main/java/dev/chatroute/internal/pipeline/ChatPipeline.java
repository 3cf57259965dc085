package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Exchange;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.json.Bodies;
import dev.chatroute.internal.request.RequestParser;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.ResponseChannel;
import dev.chatroute.spi.UsageListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat route, start to finish, for both adapters: request id, method, media type, size,
 * validation, token limit, routing, then a {@link CallSession} for the provider call. Every
 * refusal is the contract's JSON error, written here and nowhere else.
 */
public final class ChatPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final PipelineContext ctx;
    private final Map<String, ChatProvider> providers;
    private final RequestParser parser;
    private final RequestIds requestIds = new RequestIds();

    public ChatPipeline(Settings settings, Map<String, ChatProvider> providers, ScheduledExecutorService timer,
            TokenCounter tokens, List<UsageListener> listeners, Clock clock) {
        this.ctx = new PipelineContext(settings, timer, tokens, new UsageSink(listeners), clock);
        this.providers = Map.copyOf(providers);
        this.parser = new RequestParser(settings.input(), alias -> settings.model(alias) != null);
    }

    public Exchange serve(HttpCall call, ResponseChannel channel) {
        String requestId = requestIds.accept(call.header(RequestIds.HEADER));
        try {
            return admit(call, channel, requestId);
        } catch (ApiErrorException refused) {
            respond(channel, requestId, refused.error());
            return Exchange.ANSWERED;
        } catch (RuntimeException bug) {
            LOG.error("Request {} failed unexpectedly", requestId, bug);
            respond(channel, requestId, ErrorMapper.internal());
            return Exchange.ANSWERED;
        }
    }

    private Exchange admit(HttpCall call, ResponseChannel channel, String requestId) {
        checkMethod(call.method());
        checkMediaType(call.header("Content-Type"));
        byte[] body = BodyReader.read(call, ctx.settings().input().maxBytes());
        ChatRequest request = parser.parse(body, call.header("Accept"));
        List<ChatMessage> messages = withSystemPrompt(request.messages());
        int inputTokens = ctx.tokens().countInput(messages);
        int limit = ctx.settings().input().maxTokens();
        if (inputTokens > limit) {
            throw new ApiError(400, "invalid_request_error", "context_length_exceeded", "The input is about "
                    + inputTokens + " tokens, more than the " + limit + " allowed", "messages", null).toException();
        }
        Target target = ctx.settings().model(request.model()).primary();
        ChatProvider provider = providers.get(target.provider());
        CallSession session = new CallSession(ctx, requestId, request, target, inputTokens, channel);
        session.start(provider, new ProviderRequest(requestId, target.model(), messages, request.maxTokens(),
                request.temperature(), request.stream()));
        return session;
    }

    private void respond(ResponseChannel channel, String requestId, ApiError error) {
        channel.sendJson(error.status(), Headers.error(requestId, error), Bodies.error(error, requestId));
        ctx.usage().record(new UsageRecord(requestId, null, null, null, null, false, Outcome.REFUSED,
                error.status(), error.code(), new Usage(0, 0), false, ctx.clock().instant(), Duration.ZERO, null,
                0, false, Map.of()));
    }

    private static void checkMethod(String method) {
        if (!"POST".equals(method)) {
            throw new ApiError(405, "invalid_request_error", "method_not_allowed",
                    "Use POST to call the chat route", null, null).toException();
        }
    }

    private static void checkMediaType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new ApiError(415, "invalid_request_error", "unsupported_media_type",
                    "Send the request as Content-Type: application/json", null, null).toException();
        }
    }

    private List<ChatMessage> withSystemPrompt(List<ChatMessage> messages) {
        String prompt = ctx.settings().input().systemPrompt();
        if (prompt == null) {
            return messages;
        }
        List<ChatMessage> all = new ArrayList<>(messages.size() + 1);
        all.add(ChatMessage.system(prompt));
        all.addAll(messages);
        return all;
    }
}
