package dev.chatroute.internal.pipeline;

import dev.chatroute.ChatRequest;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.tokens.OutputTally;
import dev.chatroute.internal.cost.Price;
import java.math.BigDecimal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;

/**
 * What one call has used and how it went, for its user's limits and its {@link UsageRecord}: the
 * text delivered (counted as it arrives, and cut at the call's {@code max_tokens}), the provider's
 * own token counts when it sends believable ones (else Chatroute's estimate), and the call's times.
 * Used on the call's loop only.
 */
final class CallAccounting {

    /** More than any model's context window: a count beyond it is a provider's bug, not usage. */
    static final int MOST_TOKENS_REPORTED = 10_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(CallAccounting.class);

    private final PipelineContext ctx;
    private final String requestId;
    private final String user;
    private final ChatRequest request;
    private final int inputTokens;
    private final long startNanos;
    private final OutputTally tally;
    private final StringBuilder text; // the JSON answer's text; a stream keeps none
    private boolean anyText;
    private boolean cut;
    private boolean warnedOfUsage;
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
        this.tally = ctx.tokens().tally(request.maxTokens());
        this.text = request.stream() ? null : new StringBuilder();
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

    /**
     * A piece of the answer arrived: returns what of it the client gets, all of it unless it goes
     * past {@code max_tokens}; then only the start that fits, and {@link #full()} says to stop.
     */
    String delivered(String piece) {
        String kept = tally.add(piece);
        if (!kept.isEmpty()) {
            anyText = true;
            if (text != null) {
                text.append(kept);
            }
        }
        return kept;
    }

    /**
     * A piece of a tool call's arguments: counted as output like text, and cut the same way at
     * {@code max_tokens} (as OpenAI cuts them, which leaves the arguments unfinished).
     */
    String deliveredArguments(String piece) {
        return tally.add(piece);
    }

    /** The provider's counts, if they can be true: whole, not negative, not absurdly large. */
    void providerCounted(Usage usage) {
        if (!believable(usage.inputTokens()) || !believable(usage.outputTokens())
                || !believable(usage.cachedInputTokens()) || !believable(usage.reasoningTokens())) {
            if (!warnedOfUsage) {
                warnedOfUsage = true;
                LOG.warn("Provider {} reported token counts that cannot be right (input {}, output {}) for request {}; "
                        + "counting them Chatroute's way", target == null ? "?" : target.provider(), usage.inputTokens(),
                        usage.outputTokens(), requestId);
            }
            return;
        }
        providerUsage = usage;
    }

    private static boolean believable(int count) {
        return count >= 0 && count <= MOST_TOKENS_REPORTED;
    }

    /**
     * Whether the answer is as long as {@code max_tokens} lets it be: a piece went past it, or the
     * provider says it generated more than that.
     */
    boolean full() {
        return tally.full() || providerUsage != null && providerUsage.outputTokens() > request.maxTokens();
    }

    /** The answer was cut at {@code max_tokens}: from now on only what was relayed counts. */
    void cutAtMaxTokens() {
        cut = true;
    }

    String text() {
        return text == null ? "" : text.toString();
    }

    boolean anyText() {
        return anyText;
    }

    /**
     * The call's counts: the provider's when it sent them, else the estimate. Output never counts
     * more than {@code max_tokens}, and after a cut, never more than was relayed.
     */
    Usage usage() {
        long relayed = tally.tokens();
        if (providerUsage == null) {
            return new Usage(inputTokens, (int) Math.min(relayed, request.maxTokens()));
        }
        long output = Math.min(providerUsage.outputTokens(), request.maxTokens());
        if (cut) {
            output = Math.min(output, relayed);
        }
        // The details are parts of the totals, so they never exceed them (even after a cut).
        return new Usage(providerUsage.inputTokens(), (int) output,
                Math.min(providerUsage.cachedInputTokens(), providerUsage.inputTokens()),
                (int) Math.min(providerUsage.reasoningTokens(), output));
    }

    /** Whether the counts are Chatroute's estimate rather than the provider's. */
    boolean estimated() {
        return providerUsage == null;
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
                estimated(), ctx.startedAt(startNanos), Duration.ofNanos(nowNanos - startNanos), ttft,
                retries, fellBack, request.metadata(), piiFindings, cost(outcome, usage), estimated());
    }

    /**
     * What the call cost, its usage record's {@code costUsd}, which its user's spend budgets pay:
     * what its tokens cost, or nothing when it is not charged (see tokensToCharge).
     */
    BigDecimal cost(Outcome outcome, Usage usage) {
        if (target == null || tokensToCharge(outcome, usage) == 0) {
            return Price.FREE;
        }
        return ctx.costs().cost(target.provider(), target.model(), usage);
    }
}
