package dev.chatroute.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.internal.identity.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals are parsed by hand, canonicalised, and never looked up as names. */
class IpAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "1.2.3.4, 1.2.3.4",
            "001.002.003.004, 1.2.3.4",
            "010.0.0.1, 10.0.0.1", // leading zeros are decimal, not octal
            "' 203.0.113.9 ', 203.0.113.9",
            "::ffff:1.2.3.4, 1.2.3.4",
            "::FFFF:0102:0304, 1.2.3.4",
            "[::ffff:1.2.3.4], 1.2.3.4",
            "0:0:0:0:0:0:0:1, ::1",
            "[::1], ::1",
            "::, ::",
            "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // the first of two equal zero runs
            "2001:db8:0000:0001:0:0:0:0001, 2001:db8:0:1::1",
            "2001:db8::0:1, 2001:db8::1",
            "2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:0", // one zero group is not shortened
            "fe80::1, fe80::1",
            "::1.2.3.4, ::102:304",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void literalsComeBackCanonical(String text, String canonical) {
        assertThat(IpAddress.canonical(text)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} is not an address")
    @ValueSource(strings = {"", "cafe", "bad.beef", "dead.beef.cafe.babe", "ab.cd.ef.01", "localhost",
            "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "0001.2.3.4", "1..2.3", "1.2.3.4 5",
            "fe80::1%eth0", "fe80::1%25eth0", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7",
            "12345::1", "g::1", "::1.2.3", "1.2.3.4::", "[1.2.3.4]", "[::1", "::1]", "unknown", "_hidden"})
    void anythingElseIsNoAddressAndIsNeverResolved(String text) {
        assertThat(IpAddress.parse(text)).isNull();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1.2.3.4:5678, 1.2.3.4", "[2001:db8::1]:5678, 2001:db8::1", "2001:db8::1, 2001:db8::1",
            "1.2.3.4, 1.2.3.4"})
    void aForwardingHopMayCarryAPort(String hop, String canonical) {
        assertThat(IpAddress.format(IpAddress.parseHop(hop))).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource({"2001:db8:1:2:3:4:5:6, 64, 2001:db8:1:2::", "2001:db8:1:2:3:4:5:6, 48, 2001:db8:1::",
            "2001:db8:1:2:3:4:5:6, 60, 2001:db8:1::", "2001:db8:1:ff:3:4:5:6, 60, 2001:db8:1:f0::",
            "2001:db8:1:2:3:4:5:6, 128, 2001:db8:1:2:3:4:5:6"})
    void aNetworkKeepsOnlyItsPrefix(String address, int prefix, String network) {
        assertThat(IpAddress.format(IpAddress.network(IpAddress.parse(address), prefix))).isEqualTo(network);
    }
}
