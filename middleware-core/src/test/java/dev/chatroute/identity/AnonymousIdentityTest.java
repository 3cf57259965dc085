package dev.chatroute.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.internal.identity.AnonymousIdentity;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.testing.TestCall;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An anonymous caller is its canonical address, and an IPv6 caller its network. */
class AnonymousIdentityTest {

    static final TrustedProxies LOOPBACK = TrustedProxies.parse("chatroute.identity.trusted-proxies", "loopback");

    static String user(AnonymousIdentity identity, TestCall call) {
        return identity.resolve(call, Set.of()).user();
    }

    @Test
    void oneIpv4AddressWrittenThreeWaysIsOneUser() {
        AnonymousIdentity identity = new AnonymousIdentity(LOOPBACK);

        assertThat(user(identity, TestCall.post("{}").from("1.2.3.4"))).isEqualTo("anon:1.2.3.4");
        assertThat(user(identity, TestCall.post("{}").from("::ffff:1.2.3.4"))).isEqualTo("anon:1.2.3.4");
        assertThat(user(identity, TestCall.post("{}").from("127.0.0.1").header("X-Forwarded-For", "001.2.3.4")))
                .isEqualTo("anon:1.2.3.4");
    }

    @Test
    void ipv6CallersAreGroupedByTheirSlash64ByDefault() {
        AnonymousIdentity identity = new AnonymousIdentity(LOOPBACK);

        String one = user(identity, TestCall.post("{}").from("2001:db8:1:2:aaaa::1"));
        String rotated = user(identity, TestCall.post("{}").from("2001:DB8:1:2:bbbb:cccc:dddd:eeee"));
        String neighbour = user(identity, TestCall.post("{}").from("2001:db8:1:3::1"));

        assertThat(one).isEqualTo("anon:2001:db8:1:2::/64").isEqualTo(rotated);
        assertThat(neighbour).isEqualTo("anon:2001:db8:1:3::/64");
    }

    @Test
    void thePrefixIsConfigurable() {
        assertThat(user(new AnonymousIdentity(LOOPBACK, 48), TestCall.post("{}").from("2001:db8:1:2::1")))
                .isEqualTo("anon:2001:db8:1::/48");
        assertThat(user(new AnonymousIdentity(LOOPBACK, 128), TestCall.post("{}").from("2001:db8:1:2::1")))
                .isEqualTo("anon:2001:db8:1:2::1");
    }

    @Test
    void aCallWithoutAnAddressIsTheUnknownUser() {
        assertThat(user(new AnonymousIdentity(LOOPBACK), TestCall.post("{}").from(null))).isEqualTo("anon:unknown");
    }
}
