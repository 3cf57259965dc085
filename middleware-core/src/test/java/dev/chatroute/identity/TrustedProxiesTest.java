package dev.chatroute.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.identity.ClientAddress;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.testing.TestCall;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    static final String KEY = "chatroute.identity.trusted-proxies";

    @Test
    void loopbackTrustsBothLoopbackFamiliesAndNothingElse() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "loopback");

        assertThat(proxies.trusts("127.0.0.1")).isTrue();
        assertThat(proxies.trusts("127.8.9.10")).isTrue();
        assertThat(proxies.trusts("::1")).isTrue();
        assertThat(proxies.trusts("10.0.0.1")).isFalse();
        assertThat(proxies.trusts("localhost")).as("names are never resolved").isFalse();
        assertThat(proxies.trusts(null)).isFalse();
    }

    @Test
    void cidrRangesMatchByPrefix() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "10.0.0.0/8, 192.168.1.7, fd00::/8");

        assertThat(proxies.trusts("10.200.3.4")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.7")).isTrue();
        assertThat(proxies.trusts("192.168.1.8")).isFalse();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
    }

    @Test
    void aBadEntryFailsNamingTheKey() {
        assertThatThrownBy(() -> TrustedProxies.parse(KEY, "10.0.0.0/8, proxy.corp"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(KEY).hasMessageContaining("proxy.corp");
        assertThatThrownBy(() -> TrustedProxies.parse(KEY, "10.0.0.0/33")).hasMessageContaining("prefix");
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedPeer() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "10.0.0.0/8");

        TestCall viaProxy = TestCall.post("{}").from("10.0.0.5").header("X-Forwarded-For", "203.0.113.9");
        TestCall direct = TestCall.post("{}").from("198.51.100.2").header("X-Forwarded-For", "203.0.113.9");

        assertThat(ClientAddress.of(viaProxy, proxies)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of(direct, proxies)).isEqualTo("198.51.100.2");
    }

    @Test
    void theRightmostUntrustedHopIsTheClientSoAForgedLeftEntryIsIgnored() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "10.0.0.0/8");
        TestCall call = TestCall.post("{}").from("10.0.0.5")
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.0.0.7");

        assertThat(ClientAddress.of(call, proxies)).isEqualTo("203.0.113.9");
    }

    @Test
    void everyLineOfXForwardedForCountsSoAProxysOwnLineBeatsTheClients() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "10.0.0.0/8");
        TestCall call = TestCall.post("{}").from("10.0.0.5")
                .header("X-Forwarded-For", "6.6.6.6") // the client's own line
                .addHeader("X-Forwarded-For", "203.0.113.9, 10.0.0.7"); // the proxies' line below it

        assertThat(ClientAddress.of(call, proxies)).isEqualTo("203.0.113.9");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheProxyThatWroteIt() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "10.0.0.0/8");
        TestCall call = TestCall.post("{}").from("10.0.0.5")
                .header("X-Forwarded-For", "6.6.6.6, dead.beef.cafe.babe, 10.0.0.7");

        assertThat(ClientAddress.of(call, proxies)).isEqualTo("10.0.0.7");
    }

    @Test
    void addressesComeBackCanonical() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "loopback");

        assertThat(ClientAddress.of(TestCall.post("{}").from("::ffff:198.51.100.2"), proxies)).isEqualTo("198.51.100.2");
        assertThat(ClientAddress.of(TestCall.post("{}").from("0:0:0:0:0:0:0:1")
                .header("X-Forwarded-For", "001.2.3.4:5678"), proxies)).isEqualTo("1.2.3.4");
        assertThat(ClientAddress.of(TestCall.post("{}").from("127.0.0.1")
                .header("X-Forwarded-For", "[2001:DB8::0001]:443"), proxies)).isEqualTo("2001:db8::1");
    }

    @Test
    void anIpv4MappedPeerMatchesAnIpv4Range() {
        TrustedProxies proxies = TrustedProxies.parse(KEY, "10.0.0.0/8, ::ffff:192.168.0.0/112");

        assertThat(proxies.trusts("::ffff:10.1.2.3")).isTrue();
        assertThat(proxies.trusts("192.168.4.5")).isTrue();
        assertThat(proxies.trusts("192.169.0.1")).isFalse();
    }
}
