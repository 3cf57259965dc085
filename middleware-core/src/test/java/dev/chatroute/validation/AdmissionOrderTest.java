package dev.chatroute.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every call that reaches identity counts one request, refused or not; only valid, allowed calls
 * reserve tokens and a permit. Model aliases may be limited to roles (CONTRACT §1, 403).
 */
class AdmissionOrderTest {

    private static final String CHAT = "{\"userMessage\":\"Hi\"}";

    private static DemoGateway gateway(String... extra) {
        String[] settings = new String[extra.length + 4];
        settings[0] = "chatroute.models.premium=demo/big";
        settings[1] = "chatroute.models.premium.roles=staff, pro";
        settings[2] = "chatroute.identity=container";
        settings[3] = "chatroute.limits.role.pro.concurrent-streams=5";
        System.arraycopy(extra, 0, settings, 4, extra.length);
        return DemoGateway.start(settings);
    }

    private static RecordingChannel post(DemoGateway gateway, String json, String user, String... roles) {
        return gateway.answer(TestCall.post(json).principal(user, roles));
    }

    @Test
    void anAliasLimitedToRolesRefusesOtherUsersWith403AndAdmitsItsRoles() {
        try (DemoGateway gateway = gateway()) {
            String premium = "{\"userMessage\":\"Hi\",\"model\":\"premium\"}";

            RecordingChannel refused = post(gateway, premium, "alice", "trial");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json()).contains("\"type\":\"permission_error\"", "\"code\":\"model_not_allowed\"",
                    "\"param\":\"model\"");

            // roles named only by a model alias are looked up too (isUserInRole), not just the limits' roles
            assertThat(post(gateway, premium, "bob", "staff").status()).isEqualTo(200);
            assertThat(post(gateway, premium, "carol", "pro").status()).isEqualTo(200);
            assertThat(post(gateway, CHAT, "alice", "trial").status()).as("other aliases stay open").isEqualTo(200);
        }
    }

    @Test
    void refusedRequestsCountAgainstTheMinuteButReserveNoTokens() {
        try (DemoGateway gateway = gateway("chatroute.limits.requests-per-minute=3",
                "chatroute.limits.tokens-per-day=5000", "chatroute.output.max-tokens=4000")) {
            RecordingChannel invalid = post(gateway, "{\"userMessage\":\"\"}", "mallory");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.headers()).containsEntry("RateLimit-Policy", "\"rpm\";q=3;w=60");
            assertThat(post(gateway, "{\"userMessage\":\"Hi\",\"model\":\"premium\"}", "mallory").status())
                    .isEqualTo(403);

            // two refusals counted, yet the whole day is there to reserve: they held no tokens
            RecordingChannel ok = post(gateway, CHAT, "mallory");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.headers().get("RateLimit")).startsWith("\"rpm\";r=0;").contains("\"tpd\";r=99");

            RecordingChannel limited = post(gateway, "{\"userMessage\":\"\"}", "mallory");
            assertThat(limited.status()).as("invalid requests get 429 once the minute is used up").isEqualTo(429);
            assertThat(limited.json()).contains("\"code\":\"requests_per_minute\"");
            assertThat(limited.headers()).containsKey("Retry-After");
        }
    }

    @Test
    void aForbiddenCallHoldsNoConcurrencyPermit() {
        try (DemoGateway gateway = gateway("chatroute.limits.concurrent-streams=1",
                "chatroute.limits.requests-per-minute=100")) {
            for (int i = 0; i < 5; i++) {
                assertThat(post(gateway, "{\"userMessage\":\"Hi\",\"model\":\"premium\"}", "dave").status())
                        .isEqualTo(403);
            }
            RecordingChannel ok = post(gateway, CHAT, "dave");
            assertThat(ok.status()).isEqualTo(200);
        }
    }

    @Test
    void aCallInCodeIsHeldToTheSameRolesAndCounted() throws Exception {
        try (DemoGateway gateway = gateway("chatroute.limits.requests-per-minute=2")) {
            ChatRequest premium = new ChatRequest(List.of(ChatMessage.user("Hi")), "premium", false, 10, null, Map.of());

            ApiErrorException forbidden = failure(gateway, premium, new Identity("job", java.util.Set.of("batch")));
            assertThat(forbidden.error().code()).isEqualTo("model_not_allowed");
            assertThat(forbidden.error().status()).isEqualTo(403);

            ChatRequest tagged = new ChatRequest(List.of(ChatMessage.user("Hi")), "default", false, 10, null,
                    Map.of("tag", "line\nbreak"));
            assertThat(failure(gateway, tagged, Identity.of("job")).error().code()).isEqualTo("invalid_metadata");

            assertThat(failure(gateway, premium, Identity.of("job")).error().code()).isEqualTo("requests_per_minute");
        }
    }

    private static ApiErrorException failure(DemoGateway gateway, ChatRequest request, Identity who) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class,
                () -> gateway.chatroute().chat(request, who).get(5, TimeUnit.SECONDS));
        assertThat(e).isNotNull();
        assertThat(e.getCause()).isInstanceOf(ApiErrorException.class);
        return (ApiErrorException) e.getCause();
    }
}
