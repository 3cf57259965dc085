package dev.chatroute.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.ApiError;
import dev.chatroute.internal.routing.RetryPolicy;
import dev.chatroute.internal.routing.UpstreamStatus;
import dev.chatroute.spi.ProviderException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry decisions and the caller's error read one classification of upstream statuses; these
 * tests walk every status and check that the two never disagree, and that neither has changed.
 */
class UpstreamStatusMappingTest {

    // The sets as they stood before the classification was shared, to prove behaviour is unchanged.
    private static final Set<Integer> WAS_RETRYABLE = Set.of(408, 409, 429, 498, 500, 502, 503, 504, 529);
    private static final Set<Integer> WAS_MISCONFIGURED = Set.of(401, 403, 404);
    private static final Set<Integer> WAS_REJECTED_AS_502 = Set.of(400, 401, 403, 404, 422);

    /** Issue 9: answers that are no chat completion (a redirect, 405, 413) move on and end as 502. */
    private static boolean notAnEndpoint(int status) {
        return status / 100 == 3 || status == 405 || status == 413;
    }

    static IntStream statuses() {
        return IntStream.rangeClosed(100, 599);
    }

    private static ProviderException http(int status) {
        return new ProviderException("p", ProviderException.Kind.HTTP_STATUS, status, null, "failed", null);
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void aRetriedStatusIsNeverReportedAsUnfixable(int status) {
        ProviderException failure = http(status);
        ApiError error = ErrorMapper.fromProvider(failure);
        if (RetryPolicy.retryable(failure)) {
            assertThat(error.status()).isEqualTo(503);
            assertThat(error.code()).isEqualTo("upstream_unavailable");
            assertThat(RetryPolicy.movesOn(failure)).isTrue();
        }
        if (error.code().equals("upstream_rejected")) {
            assertThat(RetryPolicy.retryable(failure)).isFalse();
        }
        if (RetryPolicy.misconfigured(failure)) {
            assertThat(error.code()).isEqualTo("upstream_rejected");
            assertThat(RetryPolicy.movesOn(failure)).isTrue();
        }
        assertThat(RetryPolicy.hurtsCircuit(failure)).isEqualTo(RetryPolicy.movesOn(failure));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void theSharedClassificationKeepsTheOldDecisions(int status) {
        ProviderException failure = http(status);
        if (notAnEndpoint(status)) {
            return; // changed on purpose: see the next test
        }
        boolean wasRetryable = WAS_RETRYABLE.contains(status);
        boolean wasMisconfigured = WAS_MISCONFIGURED.contains(status);
        boolean wasMovingOn = status >= 500 || wasRetryable || wasMisconfigured;
        assertThat(RetryPolicy.retryable(failure)).isEqualTo(wasRetryable);
        assertThat(RetryPolicy.misconfigured(failure)).isEqualTo(wasMisconfigured);
        assertThat(RetryPolicy.movesOn(failure)).isEqualTo(wasMovingOn);
        assertThat(RetryPolicy.hurtsCircuit(failure)).isEqualTo(wasMovingOn);

        ApiError error = ErrorMapper.fromProvider(failure);
        if (WAS_REJECTED_AS_502.contains(status)) {
            assertThat(error).isEqualTo(new ApiError(502, "upstream_error", "upstream_rejected", "The model provider "
                    + "refused the call (HTTP " + status + "); the server's configuration needs attention", null, null,
                    status));
        } else {
            assertThat(error).isEqualTo(new ApiError(503, "upstream_unavailable", "upstream_unavailable",
                    "The model provider is unavailable (HTTP " + status + ")", null,
                    status == 429 ? Duration.ofSeconds(1) : null, status));
        }
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void aRedirect405Or413IsNotRetriedMovesOnAndEndsAs502(int status) {
        ProviderException failure = http(status);
        assertThat(RetryPolicy.notAnEndpoint(failure)).isEqualTo(notAnEndpoint(status));
        if (!notAnEndpoint(status)) {
            return;
        }
        assertThat(RetryPolicy.retryable(failure)).isFalse();
        assertThat(RetryPolicy.movesOn(failure)).isTrue();
        assertThat(RetryPolicy.hurtsCircuit(failure)).isTrue();
        assertThat(RetryPolicy.misconfigured(failure)).isFalse();
        assertThat(ErrorMapper.fromProvider(failure)).isEqualTo(new ApiError(502, "upstream_error", "upstream_rejected",
                "The model provider answered HTTP " + status + " instead of a chat completion; the server's "
                        + "configuration needs attention", null, null, status));
    }

    @Test
    void eachClassHasItsNamedStatuses() {
        assertThat(UpstreamStatus.of(429)).isEqualTo(UpstreamStatus.RETRYABLE);
        assertThat(UpstreamStatus.of(401)).isEqualTo(UpstreamStatus.MISCONFIGURED);
        assertThat(UpstreamStatus.of(422)).isEqualTo(UpstreamStatus.REQUEST_REJECTED);
        assertThat(UpstreamStatus.of(501)).isEqualTo(UpstreamStatus.SERVER_FAILURE);
        assertThat(UpstreamStatus.of(413)).isEqualTo(UpstreamStatus.NOT_AN_ENDPOINT);
        assertThat(UpstreamStatus.of(302)).isEqualTo(UpstreamStatus.NOT_AN_ENDPOINT);
        assertThat(UpstreamStatus.of(405)).isEqualTo(UpstreamStatus.NOT_AN_ENDPOINT);
        assertThat(UpstreamStatus.of(410)).isEqualTo(UpstreamStatus.OTHER);
    }

    @Test
    void aProvidersRetryAfterReachesTheCaller() {
        ProviderException busy = new ProviderException("p", ProviderException.Kind.HTTP_STATUS, 429,
                Duration.ofSeconds(7), "busy", null);
        assertThat(ErrorMapper.fromProvider(busy).retryAfterDuration()).contains(Duration.ofSeconds(7));
    }

    @Test
    void failuresWithoutAStatusKeepTheirWords() {
        assertThat(ErrorMapper.fromProvider(ProviderException.of("p", ProviderException.Kind.CONNECTION, "x")))
                .isEqualTo(new ApiError(503, "upstream_unavailable", "upstream_unavailable",
                        "The model provider could not be reached", null, null));
        assertThat(ErrorMapper.fromProvider(ProviderException.of("p", ProviderException.Kind.STREAM_CUT, "x")))
                .isEqualTo(new ApiError(503, "upstream_unavailable", "upstream_unavailable",
                        "The model provider broke off its answer", null, null));
        assertThat(ErrorMapper.fromProvider(ProviderException.of("p", ProviderException.Kind.PROTOCOL, "x")))
                .isEqualTo(new ApiError(502, "upstream_error", "upstream_protocol_error",
                        "The model provider sent an answer Chatroute could not read", null, null));
        assertThat(ErrorMapper.fromProvider(ProviderException.of("p", ProviderException.Kind.TIMEOUT, "x")))
                .isEqualTo(new ApiError(504, "upstream_timeout", "upstream_timeout",
                        "The model provider did not answer in time", null, null));
    }

    @Test
    void theEnginesOwnErrorsKeepTheirWords() {
        assertThat(ErrorMapper.circuitOpen(Duration.ofSeconds(3))).isEqualTo(new ApiError(503,
                "upstream_unavailable", "upstream_unavailable", "Every model provider for this model is cooling "
                        + "down after repeated failures; try again shortly", null, Duration.ofSeconds(3)));
        assertThat(ErrorMapper.shuttingDown()).isEqualTo(new ApiError(503, "upstream_unavailable", "shutting_down",
                "Chatroute is shutting down; try again shortly", null, null));
        assertThat(ErrorMapper.internal()).isEqualTo(new ApiError(500, "api_error", "internal_error",
                "Chatroute failed unexpectedly; the server log has the details", null, null));
        assertThat(ErrorMapper.timeout("The model provider sent no first token in 30s")).isEqualTo(new ApiError(504,
                "upstream_timeout", "upstream_timeout", "The model provider sent no first token in 30s", null, null));
    }
}
