package dev.chatroute.internal.limits;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.errors.ContractError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/** The contract's refusals (429 per limit, 503 when limits cannot be checked), in plain words. */
final class Refusals {

    private static final Duration STORE_RETRY = Duration.ofSeconds(5);

    private Refusals() {
    }

    /**
     * A limit is exhausted.
     *
     * @param retrySeconds the Retry-After, whole seconds, at least 1
     * @param left what is left of the limit (tokens and spend only)
     * @param asked what the call asked for (tokens and spend only)
     */
    static ApiErrorException exhausted(LimitKind kind, long limit, long left, long asked, long retrySeconds,
            Map<String, String> headers) {
        String message = switch (kind) {
            case REQUESTS -> "You have used your " + count(limit, "request") + " per minute; try again in "
                    + inWords(retrySeconds);
            case TOKENS -> "This request needs up to " + count(asked, "token") + " and only " + Math.max(0, left)
                    + " of your " + count(limit, "token") + " per day are left; try again in " + inWords(retrySeconds);
            case STREAMS -> "You already have " + count(limit, "chat call") + " in progress, the most allowed at"
                    + " once; try again when one has finished";
            case SPEND_DAY, SPEND_MONTH -> "This request could cost up to " + usd(asked) + " and only "
                    + usd(Math.max(0, left)) + " of your budget of " + usd(limit) + " " + per(kind)
                    + " is left; try again in " + inWords(retrySeconds);
        };
        return rateLimit(kind, message, retrySeconds, headers);
    }

    /** A reservation larger than the whole daily allowance: waiting would never help. */
    static ApiErrorException tooLarge(long limit, long asked, Map<String, String> headers) {
        return rateLimit(LimitKind.TOKENS, "This request could use up to " + count(asked, "token")
                + ", more than your whole allowance of " + count(limit, "token") + " per day; ask for fewer"
                + " output tokens (max_tokens) or send a shorter conversation",
                LimitKind.TOKENS.windowSeconds(), headers);
    }

    /** A call whose most possible cost is more than the whole budget: waiting would never help. */
    static ApiErrorException tooCostly(LimitKind kind, long limit, long asked, Map<String, String> headers) {
        return rateLimit(kind, "This request could cost up to " + usd(asked) + ", more than your whole budget of "
                + usd(limit) + " " + per(kind) + "; ask for fewer output tokens (max_tokens) or send a shorter"
                + " conversation", kind.windowSeconds(), headers);
    }

    /** A limit of all users together is exhausted; the message says it is not this user's doing. */
    static ApiErrorException exhaustedGlobally(LimitKind kind, long limit, long retrySeconds,
            Map<String, String> headers) {
        String message = switch (kind) {
            case REQUESTS -> "The service has had its " + count(limit, "request") + " per minute from all users"
                    + " together; try again in " + inWords(retrySeconds);
            case TOKENS -> "The service has used the " + count(limit, "token") + " per day it may use for all"
                    + " users together; try again in " + inWords(retrySeconds);
            case STREAMS -> "The service already has " + count(limit, "chat call") + " in progress for all users"
                    + " together, the most allowed at once; try again when one has finished";
            case SPEND_DAY, SPEND_MONTH -> "The service has spent its budget of " + usd(limit) + " " + per(kind)
                    + " for all users together; try again in " + inWords(retrySeconds);
        };
        return rateLimit(globalRow(kind), message, retrySeconds, headers);
    }

    /** A reservation larger than the whole global daily allowance. */
    static ApiErrorException tooLargeGlobally(long limit, long asked, Map<String, String> headers) {
        return rateLimit(ContractError.GLOBAL_TOKENS_PER_DAY, "This request could use up to " + count(asked, "token")
                + ", more than the service's whole allowance of " + count(limit, "token") + " per day; ask for"
                + " fewer output tokens (max_tokens) or send a shorter conversation",
                LimitKind.TOKENS.windowSeconds(), headers);
    }

    static ApiErrorException storeUnavailable() {
        ContractError row = ContractError.LIMITS_UNAVAILABLE;
        return new ApiErrorException(row.error(row.defaultMessage(), null, STORE_RETRY));
    }

    private static ApiErrorException rateLimit(LimitKind kind, String message, long retrySeconds,
            Map<String, String> headers) {
        return rateLimit(row(kind), message, retrySeconds, headers);
    }

    private static ApiErrorException rateLimit(ContractError row, String message, long retrySeconds,
            Map<String, String> headers) {
        return new ApiErrorException(row.error(message, null, Duration.ofSeconds(Math.max(1, retrySeconds))),
                headers);
    }

    /** The contract row of a limit; its code is the one {@link LimitKind#code()} names. */
    static ContractError row(LimitKind kind) {
        return switch (kind) {
            case REQUESTS -> ContractError.REQUESTS_PER_MINUTE;
            case TOKENS -> ContractError.TOKENS_PER_DAY;
            case STREAMS -> ContractError.CONCURRENT_STREAMS;
            case SPEND_DAY, SPEND_MONTH -> ContractError.BUDGET_EXCEEDED;
        };
    }

    /** The contract row of a global limit; its code is the one {@link LimitKind#globalCode()} names. */
    static ContractError globalRow(LimitKind kind) {
        return switch (kind) {
            case REQUESTS -> ContractError.GLOBAL_REQUESTS_PER_MINUTE;
            case TOKENS -> ContractError.GLOBAL_TOKENS_PER_DAY;
            case STREAMS -> ContractError.GLOBAL_CONCURRENT_STREAMS;
            case SPEND_DAY, SPEND_MONTH -> ContractError.BUDGET_EXCEEDED; // no global budget is configurable yet
        };
    }

    /** Micro-dollars as "$0.0042" or "$5.00": cents at least, every non-zero digit kept. */
    static String usd(long micros) {
        BigDecimal dollars = BigDecimal.valueOf(micros).movePointLeft(6).stripTrailingZeros();
        return "$" + (dollars.scale() < 2 ? dollars.setScale(2, RoundingMode.UNNECESSARY) : dollars).toPlainString();
    }

    private static String per(LimitKind kind) {
        return kind == LimitKind.SPEND_DAY ? "per day" : "per 30 days";
    }

    private static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** "3 seconds", "12 minutes", "5 hours": rounded up, so the advice is never too early. */
    static String inWords(long seconds) {
        if (seconds <= 90) {
            return count(Math.max(1, seconds), "second");
        }
        if (seconds <= 90 * 60) {
            return count((seconds + 59) / 60, "minute");
        }
        return count((seconds + 3599) / 3600, "hour");
    }
}
