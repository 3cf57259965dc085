package dev.chatroute.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.WithoutJars;
import org.junit.jupiter.api.Test;

/**
 * libphonenumber and Commons Validator are optional dependencies: an application without them starts
 * and answers with PII detection off, and one that turns on a type needing them is told at start-up.
 */
class PiiClassLoadingTest {

    @Test
    void withoutTheLibrariesTheGatewayRunsWithPiiOffAndNamesWhatIsMissingOtherwise() throws Exception {
        String result = WithoutJars.run(WithoutLibrariesProbe.class,
                "com/google/i18n/phonenumbers/PhoneNumberUtil.class", "libphonenumber", "commons-validator");

        assertThat(result).isEqualTo("off answered; secrets and ssn need no library; redact refused: "
                + "chatroute.pii.types: 'email' needs commons-validator:commons-validator in the application "
                + "(an optional dependency of middleware-core), or leave it out of chatroute.pii.types");
    }
}
