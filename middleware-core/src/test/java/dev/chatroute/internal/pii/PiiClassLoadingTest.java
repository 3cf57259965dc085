package dev.chatroute.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * libphonenumber and Commons Validator are optional dependencies: an application without them starts
 * and answers with PII detection off, and one that turns on a type needing them is told at start-up.
 */
class PiiClassLoadingTest {

    @Test
    void withoutTheLibrariesTheGatewayRunsWithPiiOffAndNamesWhatIsMissingOtherwise() throws Exception {
        URL[] path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("libphonenumber") && !entry.contains("commons-validator"))
                .map(PiiClassLoadingTest::url).toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            assertThat(isolated.getResource("com/google/i18n/phonenumbers/PhoneNumberUtil.class")).isNull();
            assertThat(isolated.getResource("org/apache/commons/validator/routines/EmailValidator.class")).isNull();
            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) isolated.loadClass(WithoutLibrariesProbe.class.getName())
                    .getDeclaredConstructor().newInstance();

            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(isolated); // SmallRye finds its implementation through it
            String result;
            try {
                result = probe.call();
            } finally {
                thread.setContextClassLoader(before);
            }

            assertThat(result).isEqualTo("off answered; secrets and ssn need no library; redact refused: "
                    + "chatroute.pii.types: 'email' needs commons-validator:commons-validator in the application "
                    + "(an optional dependency of middleware-core), or leave it out of chatroute.pii.types");
        }
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
