package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Repeated header lines read the same on both routes: a user header sent twice names nobody, and
 * list headers (groups, X-Forwarded-For) count every line in order, so a proxy that adds its own
 * line below the client's decides, not the client.
 */
class DuplicateHeadersContractTest {

    static final String CHAT = "{\"userMessage\":\"Hi\"}";
    static final String JAXRS = "/api/chat";
    static final String SERVLET = "/servlet/api/chat";

    /** The same requests, each with repeated lines, sent to both routes: the answers must agree. */
    static final List<String[]> REQUESTS = List.of(
            new String[] {"X-Forwarded-User", "mallory", "X-Forwarded-User", "bob"},
            new String[] {"X-Forwarded-User", "carol", "X-Forwarded-Groups", "guests", "X-Forwarded-Groups", "staff"},
            new String[] {"X-Forwarded-User", "dave", "X-Forwarded-Groups", "guests, staff"},
            new String[] {"X-Forwarded-User", "erin", "Origin", "https://evil.example", "Origin", "http://127.0.0.1"},
            new String[] {"X-Forwarded-User", "frank"});

    static Map<String, String> headerMode(Map<String, String> settings) {
        settings.put("chatroute.identity", "header");
        settings.put("chatroute.limits.role.staff.requests-per-minute", "5000");
        return settings;
    }

    @Nested
    class OnTheJaxrsRoute extends HeaderMode {
        @Override
        String route() {
            return JAXRS;
        }
    }

    @Nested
    class OnTheServletRoute extends HeaderMode {
        @Override
        String route() {
            return SERVLET;
        }
    }

    @Nested
    class AnonymousOnTheJaxrsRoute extends Anonymous {
        @Override
        String route() {
            return JAXRS;
        }
    }

    @Nested
    class AnonymousOnTheServletRoute extends Anonymous {
        @Override
        String route() {
            return SERVLET;
        }
    }

    @Nested
    class OnBothRoutesAtOnce extends ChatRouteContract {

        final ContractClient servlet = new ContractClient(server.uri(SERVLET));

        @Override
        String route() {
            return JAXRS;
        }

        @Override
        Map<String, String> settings() {
            return headerMode(super.settings());
        }

        @Test
        void theSameRequestsGetTheSameAnswers() {
            for (String[] headers : REQUESTS) {
                Answer jaxrs = client.post(CHAT, headers);
                Answer filter = servlet.post(CHAT, headers);

                String request = String.join(" ", headers);
                assertThat(filter.status()).as(request).isEqualTo(jaxrs.status());
                assertThat(code(filter)).as(request).isEqualTo(code(jaxrs));
                assertThat(filter.header("RateLimit-Policy")).as(request).isEqualTo(jaxrs.header("RateLimit-Policy"));
            }
        }

        private String code(Answer answer) {
            return answer.status() == 200 ? "" : answer.error().path("code").asText();
        }
    }

    abstract static class HeaderMode extends ChatRouteContract {
        @Override
        Map<String, String> settings() {
            return headerMode(super.settings());
        }

        @Test
        void aUserHeaderSentTwiceGets401() {
            assertError(client.post(CHAT, "X-Forwarded-User", "mallory", "X-Forwarded-User", "bob"), 401,
                    "authentication_error", "unauthenticated");
            assertThat(fake.callCount()).isZero();
        }

        @Test
        void everyLineOfTheGroupsHeaderCounts() {
            Answer answer = client.post(CHAT, "X-Forwarded-User", "carol", "X-Forwarded-Groups", "guests",
                    "X-Forwarded-Groups", "staff");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("RateLimit-Policy")).contains("q=5000");
        }

        @Test
        void twoOriginLinesAreRefused() {
            Answer answer = client.post(CHAT, "X-Forwarded-User", "erin", "Origin", "http://127.0.0.1:" + server.port(),
                    "Origin", "https://evil.example");

            assertError(answer, 403, "permission_error", "cross_site_request");
        }

        @Test
        void aCrossSiteFetchLineBehindAnotherLineIsStillCrossSite() {
            Answer answer = client.post(CHAT, "X-Forwarded-User", "frank", "Sec-Fetch-Site", "same-origin",
                    "Sec-Fetch-Site", "cross-site");

            assertError(answer, 403, "permission_error", "cross_site_request");
        }
    }

    /** The sample's own mode: the caller is its address, from X-Forwarded-For when a trusted proxy (loopback) sent it. */
    abstract static class Anonymous extends ChatRouteContract {
        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "anonymous");
            return settings;
        }

        String tail() {
            return route().equals(JAXRS) ? "1" : "2";
        }

        @Test
        void theProxysOwnLineOfXForwardedForNamesTheCaller() {
            Answer answer = client.post(CHAT, "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "203.0.113.1" + tail());

            assertThat(answer.status()).isEqualTo(200);
            awaitLog("user=anon:203.0.113.1" + tail());
            assertThat(logs.all()).doesNotContain("user=anon:6.6.6.6");
        }

        @Test
        void addressesAreCanonicalAndIpv6CallersAreTheirSlash64() {
            assertThat(client.post(CHAT, "X-Forwarded-For", "::ffff:198.51.100.2" + tail()).status()).isEqualTo(200);
            assertThat(client.post(CHAT, "X-Forwarded-For", "2001:DB8:5:" + tail() + ":aaaa::1").status()).isEqualTo(200);

            awaitLog("user=anon:198.51.100.2" + tail() + " ");
            awaitLog("user=anon:2001:db8:5:" + tail() + "::/64");
        }

        @Test
        void aHopThatIsNoAddressIsNeverLookedUpAndNeverTheCaller() {
            Answer answer = client.post(CHAT, "X-Forwarded-For", "6.6.6.7, dead.beef.cafe.babe");

            assertThat(answer.status()).isEqualTo(200);
            awaitLog("user=anon:127.0.0.1");
            assertThat(logs.all()).doesNotContain("dead.beef").doesNotContain("6.6.6.7");
        }
    }
}
