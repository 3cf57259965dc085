package dev.chatroute.internal.pii;

import static dev.chatroute.internal.pii.Scans.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretDetectorTest {

    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    @Test
    void findsKeysAndTokensOfWellKnownShapes() {
        assertThat(found("OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0 in my .env"))
                .containsExactly("SECRET sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0");
        assertThat(found("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")).containsExactly("SECRET AKIAIOSFODNN7EXAMPLE");
        assertThat(found("token: " + JWT)).containsExactly("SECRET " + JWT);
        assertThat(found("curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706' ..."))
                .containsExactly("SECRET 9f8e7d6c5b4a39281706");
        assertThat(found("Der Schlüssel ghp_abcdefghijklmnopqrstuvwxyz0123456789 ist geheim"))
                .containsExactly("SECRET ghp_abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(found("clé xoxb-123456789012-abcdefABCDEF et sk_live_4eC39HqLyjWDarjtT1zdp7dc"))
                .containsExactly("SECRET xoxb-123456789012-abcdefABCDEF", "SECRET sk_live_4eC39HqLyjWDarjtT1zdp7dc");
    }

    @Test
    void aBearerJwtIsOneSecret() {
        assertThat(found("Authorization: Bearer " + JWT)).containsExactly("SECRET " + JWT);
    }

    @Test
    void leavesAloneWordsThatOnlyLookAlike() {
        assertThat(found("risk-management, task-force, ask-me-anything, desk-sk-abc")).isEmpty();
        assertThat(found("the bearer of bad news; AKIA is short")).isEmpty();
    }
}
