package dev.chatroute.guard;

import static dev.chatroute.testing.ContractAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Origin check compares scheme, host and port with the app's own origin, which a trusted proxy
 * may describe (X-Forwarded-Proto/-Host/-Port, RFC 7239 Forwarded); no one else may.
 */
class OwnOriginTest {

    static final String CHAT = "{\"userMessage\":\"Hi\"}";

    private static DemoGateway gateway;

    @BeforeAll
    static void start() {
        gateway = DemoGateway.start("chatroute.identity.trusted-proxies=loopback, 10.0.0.0/8");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static TestCall browser(String origin) {
        return TestCall.post(CHAT).header("Host", "app.example").header("Origin", origin);
    }

    static void assertServed(TestCall call) {
        RecordingChannel channel = gateway.answer(call);
        assertThat(channel.status()).as(String.valueOf(channel.body())).isEqualTo(200);
    }

    static void assertRefused(TestCall call) {
        assertError(gateway.answer(call), 403, "permission_error", "cross_site_request", null);
    }

    @Test
    void theSameHostOnAnotherSchemeIsAnotherSite() {
        assertServed(browser("http://app.example").from("203.0.113.5"));
        assertRefused(browser("https://app.example").from("203.0.113.5"));
        assertRefused(browser("http://app.example:8080").from("203.0.113.5"));
    }

    @Test
    void defaultPortsAreFilledIn() {
        assertServed(browser("http://app.example:80").from("203.0.113.5"));
        assertServed(browser("https://app.example").from("203.0.113.5").scheme("https").header("Host", "app.example:443"));
    }

    @Test
    void behindATrustedTlsProxyTheBrowsersHttpsOriginIsTheAppsOwn() {
        assertServed(browser("https://app.example").header("X-Forwarded-Proto", "https"));
        assertServed(browser("https://app.example:8443").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "8443"));
        assertRefused(browser("https://app.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "8443"));
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        assertRefused(browser("https://app.example").from("203.0.113.5").header("X-Forwarded-Proto", "https"));
        assertRefused(browser("https://evil.example").from("203.0.113.5").header("X-Forwarded-Host", "evil.example"));
    }

    @Test
    void onlyTheValueTheOutermostTrustedProxyAddedCounts() {
        // One trusted proxy (the peer) forwarded the call from 203.0.113.9: of two proto values, the
        // client sent the first and the proxy added the second.
        TestCall call = browser("https://app.example").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https").addHeader("X-Forwarded-Proto", "http");
        assertRefused(call);

        TestCall twoProxies = browser("https://app.example").from("127.0.0.1")
                .header("X-Forwarded-For", "203.0.113.9, 10.0.0.2").header("X-Forwarded-Proto", "https, http");
        assertServed(twoProxies);
    }

    @Test
    void rfc7239ForwardedNamesProtoAndHost() {
        assertServed(browser("https://public.example").header("Host", "app.internal:8080")
                .header("Forwarded", "for=203.0.113.9;proto=https;host=public.example"));
        assertServed(browser("https://public.example:8443").header("Host", "app.internal:8080")
                .header("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https;host=\"public.example:8443\""));
    }

    @Test
    void aForwardedChainIsWalkedWhileItsHopsAreTrusted() {
        String chain = "for=6.6.6.6;proto=http;host=evil.example, for=203.0.113.9;proto=https;host=public.example";
        TestCall viaBalancer = browser("https://public.example").header("Host", "lb.internal")
                .header("Forwarded", chain).addHeader("Forwarded", "for=10.0.0.2;proto=http;host=lb.internal");

        assertServed(viaBalancer);
        assertRefused(browser("https://evil.example").header("Host", "lb.internal")
                .header("Forwarded", chain).addHeader("Forwarded", "for=10.0.0.2;proto=http;host=lb.internal"));
    }

    @Test
    void nullMalformedAndRepeatedOriginsAreRefused() {
        assertRefused(browser("null"));
        assertRefused(browser("https://"));
        assertRefused(browser("http://app.example/path"));
        assertRefused(browser("http://app.example:99999"));
        assertRefused(browser("http://app.example").addHeader("Origin", "http://app.example"));
    }
}
