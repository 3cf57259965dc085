package dev.chatroute.internal.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ApiError;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorsTest {

    static JsonNode body(ApiError error) throws Exception {
        return Json.MAPPER.readTree(OpenAiErrors.body(error)).path("error");
    }

    @ParameterizedTest
    @CsvSource({
        "REQUESTS_PER_MINUTE, 429, requests, rate_limit_exceeded",
        "CONCURRENT_STREAMS, 429, requests, rate_limit_exceeded",
        "TOKENS_PER_DAY, 429, tokens, rate_limit_exceeded",
        "GLOBAL_REQUESTS_PER_MINUTE, 429, requests, rate_limit_exceeded",
        "BUDGET_EXCEEDED, 429, insufficient_quota, insufficient_quota",
        "MODEL_NOT_FOUND, 404, invalid_request_error, model_not_found",
        "UPSTREAM_UNAVAILABLE, 503, server_error, upstream_unavailable",
        "UPSTREAM_TIMEOUT, 504, server_error, upstream_timeout",
        "INTERNAL_ERROR, 500, server_error, internal_error",
        "UNAUTHENTICATED, 401, authentication_error, unauthenticated",
        "MODEL_NOT_ALLOWED, 403, permission_error, model_not_allowed",
        "REQUEST_TOO_LARGE, 413, invalid_request_error, request_too_large",
        "UNSUPPORTED_MEDIA_TYPE, 415, invalid_request_error, unsupported_media_type",
        "CONTEXT_LENGTH_EXCEEDED, 400, invalid_request_error, context_length_exceeded",
    })
    void eachContractErrorHasOpenAisStatusTypeAndCode(ContractError row, int status, String type, String code)
            throws Exception {
        ApiError error = row.error();

        assertThat(OpenAiErrors.status(error)).isEqualTo(status);
        JsonNode body = body(error);
        assertThat(body.path("type").asText()).isEqualTo(type);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isEqualTo(error.message());
    }

    @Test
    void aProviders429OnceRetriesAreSpentIsRateLimitExceededAndKeepsItsWait() {
        ApiError behind = ContractError.UPSTREAM_UNAVAILABLE.error("busy", null, Duration.ofSeconds(7))
                .causedByUpstreamStatus(429);

        ApiError seen = OpenAiErrors.translate(behind);

        assertThat(seen.status()).isEqualTo(429);
        assertThat(seen.code()).isEqualTo("rate_limit_exceeded");
        assertThat(seen.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aProviders500StaysA503() {
        ApiError behind = ContractError.UPSTREAM_UNAVAILABLE.error().causedByUpstreamStatus(500);

        assertThat(OpenAiErrors.status(behind)).isEqualTo(503);
    }

    @Test
    void theObjectHasOpenAisFourFieldsWithParamNullWhenNone() throws Exception {
        JsonNode none = body(ContractError.UNAUTHENTICATED.error());
        JsonNode named = body(ContractError.PARAMETER_OUT_OF_RANGE.error("n must be 1", "n"));

        assertThat(none.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("message", "type", "param", "code");
        assertThat(none.path("param").isNull()).isTrue();
        assertThat(named.path("param").asText()).isEqualTo("n");
    }
}
