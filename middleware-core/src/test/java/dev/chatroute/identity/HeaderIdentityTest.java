package dev.chatroute.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.internal.identity.HeaderIdentity;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.TestCall;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SSO proxy's headers: a repeated user header names nobody; every line of the groups header counts. */
class HeaderIdentityTest {

    static final HeaderIdentity IDENTITY = new HeaderIdentity("X-Forwarded-User", "X-Forwarded-Groups",
            TrustedProxies.parse("chatroute.identity.trusted-proxies", "loopback"));
    static final Set<String> ROLES = Set.of("staff", "admin", "ops");

    @Test
    void aUserHeaderSentTwiceNamesNobody() {
        TestCall call = TestCall.post("{}").header("X-Forwarded-User", "mallory").addHeader("X-Forwarded-User", "bob");

        assertThat(IDENTITY.resolve(call, ROLES)).isNull();
    }

    @Test
    void aUserHeaderSentOnceNamesTheUser() {
        Identity who = IDENTITY.resolve(TestCall.post("{}").header("X-Forwarded-User", " bob "), ROLES);

        assertThat(who.user()).isEqualTo("bob");
    }

    @Test
    void rolesComeFromEveryLineOfTheGroupsHeader() {
        TestCall call = TestCall.post("{}").header("X-Forwarded-User", "bob")
                .header("X-Forwarded-Groups", "staff, unknown").addHeader("X-Forwarded-Groups", "admin");

        assertThat(IDENTITY.resolve(call, ROLES).roles()).containsExactlyInAnyOrder("staff", "admin");
    }
}
