package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who may call, and from which site (CONTRACT §1, 401 and 403), on both routes. */
class AccessContractTest {

    static final String PARTNER = "https://partner.example";
    static final String CHAT = "{\"userMessage\":\"Hi\"}";

    @Nested
    class OnTheJaxrsRoute extends Access {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Access {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    @Nested
    class HostsOnTheJaxrsRoute extends Hosts {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class HostsOnTheServletRoute extends Hosts {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    /** With container identity: the app's SSO (here a test filter) sets the principal. */
    abstract static class Access extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "container");
            settings.put("chatroute.csrf.allowed-origins", PARTNER);
            return settings;
        }

        @Test
        void aCallWithoutASignedInUserGets401() {
            assertError(client.post(CHAT), 401, "authentication_error", "unauthenticated");
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void aSignedInUserIsServedAndRecordedByName() {
            Answer answer = client.post(CHAT, "X-Test-User", "alice@corp");

            assertThat(answer.status()).isEqualTo(200);
            awaitLog("user=alice@corp");
        }

        @Test
        void aPostFromAForeignSiteGets403() {
            Answer answer = client.post(CHAT, "X-Test-User", "alice@corp", "Origin", "https://evil.example");

            assertError(answer, 403, "permission_error", "cross_site_request");
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void aBrowserSayingCrossSiteWithoutAnOriginGets403() {
            Answer answer = client.post(CHAT, "X-Test-User", "alice@corp", "Sec-Fetch-Site", "cross-site");

            assertError(answer, 403, "permission_error", "cross_site_request");
            // refused before its body was read: the client must not reuse the connection
            org.assertj.core.api.Assertions.assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        }

        @Test
        void aPostFromTheAppsOwnOriginIsServed() {
            String own = "http://127.0.0.1:" + server.port();
            Answer answer = client.post(CHAT, "X-Test-User", "alice@corp", "Origin", own, "Sec-Fetch-Site", "same-origin");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        }

        @Test
        void theAppsOwnHostOnAnotherSchemeIsAnotherSite() {
            Answer answer = client.post(CHAT, "X-Test-User", "alice@corp", "Origin", "https://127.0.0.1:" + server.port());

            assertError(answer, 403, "permission_error", "cross_site_request");
        }

        @Test
        void behindATrustedTlsProxyTheBrowsersHttpsOriginIsTheAppsOwn() {
            Answer forwarded = client.post(CHAT, "X-Test-User", "alice@corp", "Origin", "https://app.example",
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example");
            Answer rfc7239 = client.post(CHAT, "X-Test-User", "alice@corp", "Origin", "https://app.example:8443",
                    "Forwarded", "for=203.0.113.9;proto=https;host=\"app.example:8443\"");

            assertThat(forwarded.status()).isEqualTo(200);
            assertThat(rfc7239.status()).isEqualTo(200);
            assertThat(forwarded.header("Access-Control-Allow-Origin")).isNull();
        }

        @Test
        void anAllowedOriginIsServedWithCorsHeaders() {
            Answer answer = client.post(CHAT, "X-Test-User", "alice@corp", "Origin", PARTNER, "Sec-Fetch-Site", "cross-site");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
            assertThat(answer.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
        }

        @Test
        void aPreflightFromAnAllowedOriginIsAnswered() {
            Answer answer = client.send(client.request().method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", PARTNER).header("Access-Control-Request-Method", "POST").build());

            assertThat(answer.status()).isEqualTo(204);
            assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
            assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(answer.header("Access-Control-Allow-Headers")).contains("Content-Type");
        }

        @Test
        void aPreflightFromAForeignOriginIsRefused() {
            Answer answer = client.send(client.request().method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());

            assertError(answer, 403, "permission_error", "cross_site_request");
            assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    /**
     * {@code chatroute.csrf.allowed-hosts}: a page on a rebound name (evil.example resolving to this
     * server) is same-origin with itself; only its Host gives it away.
     */
    abstract static class Hosts extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "container");
            settings.put("chatroute.csrf.allowed-hosts", "127.0.0.1");
            return settings;
        }

        @Test
        void aCallForAnotherHostGets403() {
            Answer answer = RawHttp.post(server.uri(route()), CHAT, "Host", "evil.example", "X-Test-User", "alice@corp",
                    "Origin", "http://evil.example");

            assertError(answer, 403, "permission_error", "host_not_allowed");
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void aCallForAListedHostIsServed() {
            Answer raw = RawHttp.post(server.uri(route()), CHAT, "Host", "127.0.0.1:" + server.port(),
                    "X-Test-User", "alice@corp");

            assertThat(raw.status()).isEqualTo(200);
            assertThat(client.post(CHAT, "X-Test-User", "alice@corp").status()).isEqualTo(200);
        }
    }
}
