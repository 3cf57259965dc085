package dev.chatroute.internal.pii;

import static dev.chatroute.internal.pii.Scans.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAndSsnDetectorTest {

    @Test
    void findsIpv4AndIpv6Addresses() {
        assertThat(found("Der Server 192.168.1.20 antwortet nicht.")).containsExactly("IP 192.168.1.20");
        assertThat(found("from 2001:db8::8a2e:370:7334.")).containsExactly("IP 2001:db8::8a2e:370:7334");
        assertThat(found("IPv6 fe80:0:0:0:202:b3ff:fe1e:8329: the gateway"))
                .containsExactly("IP fe80:0:0:0:202:b3ff:fe1e:8329");
        assertThat(found("サーバー10.0.0.7に接続")).containsExactly("IP 10.0.0.7");
    }

    @Test
    void leavesAloneVersionsTimesAndCode() {
        assertThat(found("version 1.2.3, release 1.2.3.4.5, 256.1.1.1, at 12:30:45, std::vector, a::b, ::1")).isEmpty();
    }

    @Test
    void findsSocialSecurityNumbersButNotNeverIssuedOnes() {
        assertThat(found("My SSN is 123-45-6789.")).containsExactly("SSN 123-45-6789");
        assertThat(found("000-12-3456 666-12-3456 912-34-5678 123-00-4567 123-45-0000 123-45-67890")).isEmpty();
    }
}
