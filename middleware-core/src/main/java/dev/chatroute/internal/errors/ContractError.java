package dev.chatroute.internal.errors;

import dev.chatroute.ApiError;
import java.time.Duration;

/**
 * Every error Chatroute sends, one constant per status, type and code (CONTRACT §1, "Errors").
 * Outside test suites match on these names, so a refusal names a row here instead of spelling
 * them out; changing a row changes the public contract.
 */
public enum ContractError {

    // 400: the request itself is wrong.
    INVALID_JSON(400, Type.INVALID_REQUEST, "invalid_json", "The request body is not valid JSON"),
    UNREADABLE_BODY(400, Type.INVALID_REQUEST, "unreadable_body", "The request body could not be read"),
    UNKNOWN_FIELD(400, Type.INVALID_REQUEST, "unknown_field", "The request has a field Chatroute does not know"),
    CONFLICTING_MESSAGE_FORMS(400, Type.INVALID_REQUEST, "conflicting_message_forms",
            "Send either userMessage or messages, not both"),
    MISSING_USER_MESSAGE(400, Type.INVALID_REQUEST, "missing_user_message", "userMessage must be a non-empty string"),
    INVALID_MESSAGES(400, Type.INVALID_REQUEST, "invalid_messages",
            "messages must be a non-empty array of {role, content} objects"),
    TOO_MANY_MESSAGES(400, Type.INVALID_REQUEST, "too_many_messages", "The request has too many messages"),
    INVALID_MESSAGE(400, Type.INVALID_REQUEST, "invalid_message", "A message must be an object with role and content"),
    INVALID_ROLE(400, Type.INVALID_REQUEST, "invalid_role", "A message's role must be one of user, assistant, system"),
    SYSTEM_MESSAGE_NOT_ALLOWED(400, Type.INVALID_REQUEST, "system_message_not_allowed",
            "system messages are not accepted from clients; the server sets the system prompt"),
    MODEL_NOT_FOUND(400, Type.INVALID_REQUEST, "model_not_found", "Unknown model"),
    INVALID_PARAMETER(400, Type.INVALID_REQUEST, "invalid_parameter", "A parameter has the wrong type"),
    PARAMETER_OUT_OF_RANGE(400, Type.INVALID_REQUEST, "parameter_out_of_range", "A parameter is out of range"),
    CONTEXT_LENGTH_EXCEEDED(400, Type.INVALID_REQUEST, "context_length_exceeded",
            "The input is longer than the token limit allows"),
    INVALID_METADATA(400, Type.INVALID_REQUEST, "invalid_metadata",
            "metadata keys and values may not contain control characters"),
    UNSUPPORTED_PARAMETER(400, Type.INVALID_REQUEST, "unsupported_parameter",
            "No provider for this model supports a parameter of the request"),
    PII_DETECTED(400, Type.INVALID_REQUEST, "pii_detected",
            "The request contains personal data, which this server does not send to the model provider"),

    // 401, 403: who is calling, and from where.
    UNAUTHENTICATED(401, Type.AUTHENTICATION, "unauthenticated",
            "Sign in to use the chat; this call carries no user identity"),
    CROSS_SITE_REQUEST(403, Type.PERMISSION, "cross_site_request",
            "This call came from another site, which the server does not allow"),
    HOST_NOT_ALLOWED(403, Type.PERMISSION, "host_not_allowed",
            "This server does not answer for the host this call names; chatroute.csrf.allowed-hosts lists those it does"),
    MODEL_NOT_ALLOWED(403, Type.PERMISSION, "model_not_allowed", "Your roles do not allow this model"),
    USAGE_NOT_ALLOWED(403, Type.PERMISSION, "usage_not_allowed",
            "Usage reports are for the chatroute.admin-role, or loopback callers in anonymous mode"),
    METRICS_NOT_ALLOWED(403, Type.PERMISSION, "metrics_not_allowed",
            "Metrics may be read only from the addresses in chatroute.metrics.allowed-addresses"),

    // 405, 413, 415: the HTTP envelope, refused before the body is parsed.
    METHOD_NOT_ALLOWED(405, Type.INVALID_REQUEST, "method_not_allowed", "Use POST to call the chat route"),
    REQUEST_TOO_LARGE(413, Type.INVALID_REQUEST, "request_too_large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, Type.INVALID_REQUEST, "unsupported_media_type",
            "Send the request as Content-Type: application/json"),

    // 429: a per-user limit; the code names the limit.
    REQUESTS_PER_MINUTE(429, Type.RATE_LIMIT, "requests_per_minute", "You have used your requests for this minute"),
    TOKENS_PER_DAY(429, Type.RATE_LIMIT, "tokens_per_day", "You have used your tokens for today"),
    BUDGET_EXCEEDED(429, Type.RATE_LIMIT, "budget_exceeded", "You have spent your budget for now"),
    CONCURRENT_STREAMS(429, Type.RATE_LIMIT, "concurrent_streams",
            "You already have as many chat calls in progress as allowed"),

    // 429: a limit across all users (chatroute.limits.global.*); the code names it.
    GLOBAL_REQUESTS_PER_MINUTE(429, Type.RATE_LIMIT, "global_requests_per_minute",
            "The service has had as many requests this minute as it accepts from all users together"),
    GLOBAL_TOKENS_PER_DAY(429, Type.RATE_LIMIT, "global_tokens_per_day",
            "The service has used the tokens it may use today for all users together"),
    GLOBAL_CONCURRENT_STREAMS(429, Type.RATE_LIMIT, "global_concurrent_streams",
            "The service has as many chat calls in progress as it allows for all users together"),

    // 500: a bug of ours.
    INTERNAL_ERROR(500, Type.API, "internal_error", "Chatroute failed unexpectedly; the server log has the details"),

    // 502-504: the provider, or Chatroute's own state, stands in the way of an answer.
    UPSTREAM_REJECTED(502, Type.UPSTREAM, "upstream_rejected",
            "The model provider refused the call; the server's configuration needs attention"),
    UPSTREAM_PROTOCOL_ERROR(502, Type.UPSTREAM, "upstream_protocol_error",
            "The model provider sent an answer Chatroute could not read"),
    UPSTREAM_UNAVAILABLE(503, Type.UPSTREAM_UNAVAILABLE, "upstream_unavailable", "The model provider is unavailable"),
    LIMITS_UNAVAILABLE(503, Type.UPSTREAM_UNAVAILABLE, "limits_unavailable",
            "Usage limits cannot be checked right now; try again shortly"),
    USAGE_UNAVAILABLE(503, Type.UPSTREAM_UNAVAILABLE, "usage_unavailable",
            "Usage reports are unavailable: the ledger is off or its database cannot be read right now"),
    SHUTTING_DOWN(503, Type.UPSTREAM_UNAVAILABLE, "shutting_down", "Chatroute is shutting down; try again shortly"),
    UPSTREAM_TIMEOUT(504, Type.UPSTREAM_TIMEOUT, "upstream_timeout", "The model provider did not answer in time");

    private final int status;
    private final String type;
    private final String code;
    private final String defaultMessage;

    ContractError(int status, String type, String code, String defaultMessage) {
        this.status = status;
        this.type = type;
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** The message used when the refusal site has nothing more specific to say. */
    public String defaultMessage() {
        return defaultMessage;
    }

    public ApiError error() {
        return error(defaultMessage);
    }

    public ApiError error(String message) {
        return error(message, null, null);
    }

    /** @param param the request field at fault, as the contract's {@code param} */
    public ApiError error(String message, String param) {
        return error(message, param, null);
    }

    /** @param retryAfter how long to wait before trying again, or null when unknown */
    public ApiError error(String message, String param, Duration retryAfter) {
        return new ApiError(status, type, code, message, param, retryAfter);
    }

    /** The contract's error types; a nested holder so that the constants above may name them. */
    private static final class Type {
        static final String INVALID_REQUEST = "invalid_request_error";
        static final String AUTHENTICATION = "authentication_error";
        static final String PERMISSION = "permission_error";
        static final String RATE_LIMIT = "rate_limit_error";
        static final String API = "api_error";
        static final String UPSTREAM = "upstream_error";
        static final String UPSTREAM_UNAVAILABLE = "upstream_unavailable";
        static final String UPSTREAM_TIMEOUT = "upstream_timeout";
    }
}
