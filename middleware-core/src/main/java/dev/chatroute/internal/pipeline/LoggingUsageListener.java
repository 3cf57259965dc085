package dev.chatroute.internal.pipeline;

import dev.chatroute.UsageRecord;
import dev.chatroute.spi.UsageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default usage record: one line per call on the {@code dev.chatroute.usage} logger. */
public final class LoggingUsageListener implements UsageListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.chatroute.usage");

    @Override
    public void onUsage(UsageRecord r) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("requestId={} user={} model={} target={}/{} stream={} outcome={} status={}{} "
                        + "inputTokens={} outputTokens={}{}{} costUsd={} latencyMs={}{} retries={} fallback={}{}",
                r.requestId(), r.user() == null ? "-" : r.user(), r.model(),
                r.provider() == null ? "-" : r.provider(), r.providerModel() == null ? "-" : r.providerModel(),
                r.stream(), r.outcome(), r.status(), r.errorCode() == null ? "" : " error=" + r.errorCode(),
                r.usage().inputTokens(), r.usage().outputTokens(), details(r), r.usageEstimated() ? " (estimated)" : "",
                r.costUsd().stripTrailingZeros().toPlainString(),
                r.latency().toMillis(),
                r.timeToFirstToken() == null ? "" : " firstTokenMs=" + r.timeToFirstToken().toMillis(),
                r.retries(), r.fallback(), r.piiFindings().isEmpty() ? "" : " pii=" + pii(r));
    }

    /** The parts of the counts the provider broke out, when it did. */
    private static String details(UsageRecord r) {
        return (r.usage().cachedInputTokens() == 0 ? "" : " cachedInputTokens=" + r.usage().cachedInputTokens())
                + (r.usage().reasoningTokens() == 0 ? "" : " reasoningTokens=" + r.usage().reasoningTokens());
    }

    /** {@code email:2,phone:1}: counts by type, never a value. */
    private static String pii(UsageRecord r) {
        StringBuilder out = new StringBuilder();
        r.piiFindings().forEach((type, n) -> out.append(out.length() == 0 ? "" : ",").append(type).append(':').append(n));
        return out.toString();
    }
}
