package dev.chatroute.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chatroute.testing.SecretLeakCheck;
import dev.chatroute.testing.TestSecrets;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.LoggerFactory;

/** The extension that guards every test: a secret in a log line fails the test that logged it. */
class SecretLeakCheckTest {

    @Test
    void failsATestThatLogsAKeyShapedLikeTheTestKeys() {
        Events tests = run(LeaksThroughSlf4j.class);
        tests.assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(tests.failed().stream().findFirst().orElseThrow().getTestDescriptor().getDisplayName())
                .startsWith("leaks");
    }

    @Test
    void failsATestThatLogsARegisteredSecretThroughJavaUtilLogging() {
        run(LeaksThroughJul.class).assertStatistics(s -> s.failed(1));
    }

    @Test
    void theFailureMessageMasksTheSecret() {
        Throwable why = run(LeaksThroughSlf4j.class).failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(why).hasMessageContaining("A secret reached the log").hasMessageNotContaining("SECRET-42");
    }

    @Test
    void placeholdersAndMasksAreNotSecrets() {
        assertThat(TestSecrets.foundIn("redacted [SECRET_1] key sk-con***789 Bearer ***")).isEmpty();
        assertThat(TestSecrets.foundIn("Authorization: Bearer sk-x-SECRET-1")).hasSize(1);
    }

    private static Events run(Class<?> fixture) {
        return SecretLeakCheck.forgetting(() -> EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("chatroute.fixtures", "run")
                .selectors(selectClass(fixture)).execute().testEvents());
    }

    /** Fixtures: run only through {@link #run}, never by surefire on their own. */
    @org.junit.jupiter.api.condition.EnabledIf("launchedByTheTestKit")
    static class LeaksThroughSlf4j {
        @Test
        void leaks() {
            LoggerFactory.getLogger("provider").warn("Calling with Authorization: Bearer sk-live-SECRET-42");
        }

        @Test
        void staysQuiet() {
            LoggerFactory.getLogger("provider").warn("Calling with Authorization: Bearer sk-l***42");
        }

        static boolean launchedByTheTestKit(org.junit.jupiter.api.extension.ExtensionContext context) {
            return context.getConfigurationParameter("chatroute.fixtures").isPresent();
        }
    }

    @org.junit.jupiter.api.condition.EnabledIf("launchedByTheTestKit")
    static class LeaksThroughJul {
        @Test
        void leaks() {
            String password = TestSecrets.register("hunter2-redis-password");
            java.util.logging.Logger.getLogger("org.apache.catalina").log(Level.SEVERE, "failed",
                    new IllegalStateException("connect redis://:" + password + "@localhost"));
        }

        static boolean launchedByTheTestKit(org.junit.jupiter.api.extension.ExtensionContext context) {
            return context.getConfigurationParameter("chatroute.fixtures").isPresent();
        }
    }
}
