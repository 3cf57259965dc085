package dev.chatroute.internal.pipeline;

import dev.chatroute.ChatRequest;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.config.ModelRoute.Target;
import java.time.Duration;
import java.util.Map;

/**
 * What one call has used and how it went, for its user's limits and its {@link UsageRecord}: the
 * text delivered, the provider's own token counts when it sends them (else Chatroute's estimate),
 * and the call's times. Used on the call's loop only.
 */
final class CallAccounting {

    private final PipelineContext ctx;
    private final String requestId;
    private final String user;
    private final ChatRequest request;
    private final int inputTokens;
    private final long startNanos;
    private final StringBuilder text = new StringBuilder();
    private Usage providerUsage;
    private long firstTokenNanos;
    private Target target;
    private int retries;
    private boolean fellBack;

    CallAccounting(PipelineContext ctx, String requestId, String user, ChatRequest request, int inputTokens,
            long startNanos) {
        this.ctx = ctx;
        this.requestId = requestId;
        this.user = user;
        this.request = request;
        this.inputTokens = inputTokens;
        this.startNanos = startNanos;
    }

    /** The target the call is aimed at before any try starts (the record names it if none does). */
    void aim(Target first) {
        target = first;
    }

    /** A new try began: its provider's counts replace those of any earlier try. */
    void trying(Target next, boolean retry, boolean fallback) {
        target = next;
        providerUsage = null;
        if (retry) {
            retries++;
        }
        fellBack |= fallback;
    }

    /** The first piece of text: returns the time to first token. */
    Duration firstToken(long nowNanos) {
        firstTokenNanos = nowNanos;
        return Duration.ofNanos(nowNanos - startNanos);
    }

    void delivered(String piece) {
        text.append(piece);
    }

    void providerCounted(Usage usage) {
        providerUsage = usage;
    }

    String text() {
        return text.toString();
    }

    boolean anyText() {
        return text.length() > 0;
    }

    Usage usage() {
        return providerUsage != null ? providerUsage : new Usage(inputTokens, ctx.tokens().count(text.toString()));
    }

    /**
     * What the user's daily allowance pays: the whole call when it completed or was left by the
     * client (tokens were generated either way), nothing for a failure that produced no text.
     */
    long tokensToCharge(Outcome outcome, Usage usage) {
        return outcome == Outcome.FAILED && !anyText() ? 0 : usage.totalTokens();
    }

    UsageRecord record(Outcome outcome, int status, String errorCode, Usage usage, long nowNanos,
            Map<String, Integer> piiFindings) {
        Duration ttft = firstTokenNanos == 0 ? null : Duration.ofNanos(firstTokenNanos - startNanos);
        return new UsageRecord(requestId, user, request.model(), target == null ? null : target.provider(),
                target == null ? null : target.model(), request.stream(), outcome, status, errorCode, usage,
                providerUsage == null, ctx.startedAt(startNanos), Duration.ofNanos(nowNanos - startNanos), ttft,
                retries, fellBack, request.metadata(), piiFindings);
    }
}
