package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Service callers with client keys ({@code chatroute.clients.<name>.*}) on both routes: a matching
 * {@code Authorization: Bearer} names the client, anything else falls back to the mode, the app's
 * SSO wins, and the key goes neither to the logs nor upstream.
 */
class ClientKeysContractTest {

    static final String CLIENT_KEY = "ck-reports-SECRET-4b1d9e";
    static final String PREMIUM = "{\"userMessage\":\"Hi\",\"model\":\"premium\"}";

    @Nested
    class OnTheJaxrsRoute extends ClientKeys {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends ClientKeys {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class ClientKeys extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "anonymous");
            settings.put("chatroute.models.premium", "fake/big-model");
            settings.put("chatroute.models.premium.roles", "staff");
            settings.put("chatroute.clients.reports.key-sha256", sha256(CLIENT_KEY));
            settings.put("chatroute.clients.reports.roles", "staff");
            return settings;
        }

        static String sha256(String key) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void aMatchingKeyIsTheClientWithItsRolesAndIsNotSentUpstream() {
            Answer answer = client.post(PREMIUM, "Authorization", "Bearer " + CLIENT_KEY);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(fake.lastCall().headers.values()).noneMatch(v -> v.contains(CLIENT_KEY));
            awaitLog("user=client:reports");
            assertThat(logs.all()).doesNotContain(CLIENT_KEY);
        }

        @Test
        void aBearerThatMatchesNothingFallsBackToTheMode() {
            Answer refused = client.post(PREMIUM, "Authorization", "Bearer some-sso-token");
            assertError(refused, 403, "permission_error", "model_not_allowed");

            Answer answer = client.post("{\"userMessage\":\"Hi\"}", "Authorization", "Bearer some-sso-token");
            assertThat(answer.status()).isEqualTo(200);
            awaitLog("user=anon:127.0.0.1");
            assertThat(fake.lastCall().headers.values()).noneMatch(v -> v.contains("some-sso-token"));
        }

        @Test
        void aContainerPrincipalWinsOverAClientKey() {
            Answer answer = client.post("{\"userMessage\":\"Hi\"}", "Authorization", "Bearer " + CLIENT_KEY,
                    "X-Test-User", "alice@corp");
            assertThat(answer.status()).isEqualTo(200);
            awaitLog("user=alice@corp");

            Answer refused = client.post(PREMIUM, "Authorization", "Bearer " + CLIENT_KEY, "X-Test-User", "alice@corp");
            assertError(refused, 403, "permission_error", "model_not_allowed");
        }
    }
}
