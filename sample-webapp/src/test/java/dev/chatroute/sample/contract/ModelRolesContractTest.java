package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Model aliases limited to roles (CONTRACT §1, 403 {@code model_not_allowed}), on both routes, with
 * the user and roles from the container (the app's SSO, here the sample's FakeSsoFilter) and from a
 * trusted proxy's headers.
 */
class ModelRolesContractTest {

    static final String PREMIUM = "{\"userMessage\":\"Hi\",\"model\":\"premium\"}";

    @Nested
    class ContainerIdentityOnTheJaxrsRoute extends ContainerIdentity {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class ContainerIdentityOnTheServletRoute extends ContainerIdentity {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    @Nested
    class HeaderIdentityOnTheJaxrsRoute extends HeaderIdentity {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class HeaderIdentityOnTheServletRoute extends HeaderIdentity {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class ContainerIdentity extends ModelRoles {
        @Override
        String mode() {
            return "container";
        }

        @Override
        Answer post(String json, String user, String roles) {
            return roles == null ? client.post(json, "X-Test-User", user)
                    : client.post(json, "X-Test-User", user, "X-Test-Roles", roles);
        }
    }

    abstract static class HeaderIdentity extends ModelRoles {
        @Override
        String mode() {
            return "header";
        }

        @Override
        Answer post(String json, String user, String roles) {
            return roles == null ? client.post(json, "X-Forwarded-User", user)
                    : client.post(json, "X-Forwarded-User", user, "X-Forwarded-Groups", roles);
        }
    }

    abstract static class ModelRoles extends ChatRouteContract {

        /** The {@code chatroute.identity} mode under test. */
        abstract String mode();

        /** A chat call by this user in these roles (comma-separated, or null for none). */
        abstract Answer post(String json, String user, String roles);

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", mode());
            settings.put("chatroute.models.premium", "fake/big-model");
            settings.put("chatroute.models.premium.roles", "staff, premium-users");
            settings.put("chatroute.limits.role.vip.requests-per-minute", "2000"); // a role the limits name
            return settings;
        }

        @Test
        void aUserWithNoneOfTheAliasRolesGets403BeforeAnyProviderCall() {
            Answer refused = post(PREMIUM, "alice", "vip");

            assertError(refused, 403, "permission_error", "model_not_allowed");
            assertThat(refused.error().path("param").asText()).isEqualTo("model");
            assertThat(fake.callCount()).isZero();
            assertError(post(PREMIUM, "alice", null), 403, "permission_error", "model_not_allowed");
        }

        @Test
        void aUserWithAnyOfTheRolesIsServedEvenWhenNoLimitNamesThatRole() {
            assertThat(post(PREMIUM, "bob", "staff").status()).isEqualTo(200);
            assertThat(post(PREMIUM, "carol", "premium-users").status()).isEqualTo(200);
            assertThat(fake.lastCall().json().path("model").asText()).isEqualTo("big-model");
        }

        @Test
        void otherAliasesStayOpenToEveryone() {
            assertThat(post("{\"userMessage\":\"Hi\"}", "dave", null).status()).isEqualTo(200);
        }
    }
}
