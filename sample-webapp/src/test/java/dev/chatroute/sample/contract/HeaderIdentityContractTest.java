package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Identity from a trusted SSO proxy's header, believed only from a trusted address. */
class HeaderIdentityContractTest {

    static final String CHAT = "{\"userMessage\":\"Hi\"}";

    @Nested
    class FromATrustedProxyOnTheJaxrsRoute extends Trusted {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class FromATrustedProxyOnTheServletRoute extends Trusted {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    @Nested
    class FromAnUntrustedPeerOnTheJaxrsRoute extends Untrusted {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class FromAnUntrustedPeerOnTheServletRoute extends Untrusted {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    /** The test client is on loopback, which is trusted by default. */
    abstract static class Trusted extends ChatRouteContract {
        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "header");
            return settings;
        }

        @Test
        void theProxysUserHeaderNamesTheCaller() {
            assertThat(client.post(CHAT, "X-Forwarded-User", "bob").status()).isEqualTo(200);
            awaitLog("user=bob");
        }

        @Test
        void withoutTheHeaderTheCallGets401() {
            assertError(client.post(CHAT), 401, "authentication_error", "unauthenticated");
        }
    }

    /** Only 10.0.0.0/8 is trusted, so the loopback test client's header is forgeable and ignored. */
    abstract static class Untrusted extends ChatRouteContract {
        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "header");
            settings.put("chatroute.identity.trusted-proxies", "10.0.0.0/8");
            return settings;
        }

        @Test
        void aUserHeaderFromAnUntrustedPeerIsNotBelieved() {
            assertError(client.post(CHAT, "X-Forwarded-User", "mallory"), 401, "authentication_error",
                    "unauthenticated");
            assertThat(fake.callCount()).isZero();
        }
    }
}
