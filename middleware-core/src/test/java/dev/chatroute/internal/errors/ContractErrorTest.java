package dev.chatroute.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.ApiError;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins every row of the error table literally: outside test suites match on these statuses, types
 * and codes (CONTRACT §1), so a change here must be a deliberate change of the contract.
 */
class ContractErrorTest {

    private static final List<Arguments> ROWS = List.of(
            row(ContractError.INVALID_JSON, 400, "invalid_request_error", "invalid_json"),
            row(ContractError.UNREADABLE_BODY, 400, "invalid_request_error", "unreadable_body"),
            row(ContractError.UNKNOWN_FIELD, 400, "invalid_request_error", "unknown_field"),
            row(ContractError.CONFLICTING_MESSAGE_FORMS, 400, "invalid_request_error", "conflicting_message_forms"),
            row(ContractError.MISSING_USER_MESSAGE, 400, "invalid_request_error", "missing_user_message"),
            row(ContractError.INVALID_MESSAGES, 400, "invalid_request_error", "invalid_messages"),
            row(ContractError.TOO_MANY_MESSAGES, 400, "invalid_request_error", "too_many_messages"),
            row(ContractError.INVALID_MESSAGE, 400, "invalid_request_error", "invalid_message"),
            row(ContractError.INVALID_ROLE, 400, "invalid_request_error", "invalid_role"),
            row(ContractError.SYSTEM_MESSAGE_NOT_ALLOWED, 400, "invalid_request_error", "system_message_not_allowed"),
            row(ContractError.MODEL_NOT_FOUND, 400, "invalid_request_error", "model_not_found"),
            row(ContractError.INVALID_PARAMETER, 400, "invalid_request_error", "invalid_parameter"),
            row(ContractError.PARAMETER_OUT_OF_RANGE, 400, "invalid_request_error", "parameter_out_of_range"),
            row(ContractError.CONTEXT_LENGTH_EXCEEDED, 400, "invalid_request_error", "context_length_exceeded"),
            row(ContractError.INVALID_METADATA, 400, "invalid_request_error", "invalid_metadata"),
            row(ContractError.UNSUPPORTED_PARAMETER, 400, "invalid_request_error", "unsupported_parameter"),
            row(ContractError.PII_DETECTED, 400, "invalid_request_error", "pii_detected"),
            row(ContractError.UNAUTHENTICATED, 401, "authentication_error", "unauthenticated"),
            row(ContractError.CROSS_SITE_REQUEST, 403, "permission_error", "cross_site_request"),
            row(ContractError.HOST_NOT_ALLOWED, 403, "permission_error", "host_not_allowed"),
            row(ContractError.MODEL_NOT_ALLOWED, 403, "permission_error", "model_not_allowed"),
            row(ContractError.USAGE_NOT_ALLOWED, 403, "permission_error", "usage_not_allowed"),
            row(ContractError.METRICS_NOT_ALLOWED, 403, "permission_error", "metrics_not_allowed"),
            row(ContractError.METHOD_NOT_ALLOWED, 405, "invalid_request_error", "method_not_allowed"),
            row(ContractError.REQUEST_TOO_LARGE, 413, "invalid_request_error", "request_too_large"),
            row(ContractError.UNSUPPORTED_MEDIA_TYPE, 415, "invalid_request_error", "unsupported_media_type"),
            row(ContractError.REQUESTS_PER_MINUTE, 429, "rate_limit_error", "requests_per_minute"),
            row(ContractError.TOKENS_PER_DAY, 429, "rate_limit_error", "tokens_per_day"),
            row(ContractError.BUDGET_EXCEEDED, 429, "rate_limit_error", "budget_exceeded"),
            row(ContractError.CONCURRENT_STREAMS, 429, "rate_limit_error", "concurrent_streams"),
            row(ContractError.GLOBAL_REQUESTS_PER_MINUTE, 429, "rate_limit_error", "global_requests_per_minute"),
            row(ContractError.GLOBAL_TOKENS_PER_DAY, 429, "rate_limit_error", "global_tokens_per_day"),
            row(ContractError.GLOBAL_CONCURRENT_STREAMS, 429, "rate_limit_error", "global_concurrent_streams"),
            row(ContractError.INTERNAL_ERROR, 500, "api_error", "internal_error"),
            row(ContractError.UPSTREAM_REJECTED, 502, "upstream_error", "upstream_rejected"),
            row(ContractError.UPSTREAM_PROTOCOL_ERROR, 502, "upstream_error", "upstream_protocol_error"),
            row(ContractError.UPSTREAM_UNAVAILABLE, 503, "upstream_unavailable", "upstream_unavailable"),
            row(ContractError.LIMITS_UNAVAILABLE, 503, "upstream_unavailable", "limits_unavailable"),
            row(ContractError.USAGE_UNAVAILABLE, 503, "upstream_unavailable", "usage_unavailable"),
            row(ContractError.SHUTTING_DOWN, 503, "upstream_unavailable", "shutting_down"),
            row(ContractError.UPSTREAM_TIMEOUT, 504, "upstream_timeout", "upstream_timeout"));

    private static Arguments row(ContractError error, int status, String type, String code) {
        return Arguments.of(error, status, type, code);
    }

    static Stream<Arguments> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0} is {1} {2}/{3}")
    @MethodSource("rows")
    void eachRowHasTheContractsStatusTypeAndCode(ContractError error, int status, String type, String code) {
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.defaultMessage()).isNotBlank();
    }

    @Test
    void everyRowIsPinnedAbove() {
        Set<Object> pinned = new HashSet<>();
        ROWS.forEach(r -> pinned.add(r.get()[0]));
        assertThat(pinned).containsExactlyInAnyOrder((Object[]) ContractError.values());
    }

    @Test
    void noTwoRowsShareACode() {
        assertThat(Arrays.stream(ContractError.values()).map(ContractError::code)).doesNotHaveDuplicates();
    }

    @Test
    void anErrorCarriesTheRowAndWhatTheRefusalSiteAdds() {
        ApiError plain = ContractError.METHOD_NOT_ALLOWED.error();
        assertThat(plain).isEqualTo(new ApiError(405, "invalid_request_error", "method_not_allowed",
                "Use POST to call the chat route", null, null));

        ApiError specific = ContractError.PARAMETER_OUT_OF_RANGE.error("temperature must be between 0 and 2",
                "temperature");
        assertThat(specific).isEqualTo(new ApiError(400, "invalid_request_error", "parameter_out_of_range",
                "temperature must be between 0 and 2", "temperature", null));

        ApiError waiting = ContractError.LIMITS_UNAVAILABLE.error("later", null, Duration.ofSeconds(5));
        assertThat(waiting.retryAfterDuration()).contains(Duration.ofSeconds(5));
        assertThat(waiting.param()).isNull();
    }
}
