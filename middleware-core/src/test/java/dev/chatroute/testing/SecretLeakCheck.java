package dev.chatroute.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test whose log lines hold a test secret ({@link TestSecrets}). It is registered for
 * every test of every module by JUnit's extension auto-detection (switched on in the parent pom's
 * surefire and failsafe settings), so a new test cannot forget it. It reads every logback line
 * (Jetty, Chatroute, SmallRye) and every {@code java.util.logging} line (Jersey, Tomcat), with
 * stack traces, while the test ran; lines logged after the last test of a class (a server
 * stopping) fail that class.
 */
public final class SecretLeakCheck implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(SecretLeakCheck.class);

    /** Every line logged in this JVM since the first test started; tests remember where they began. */
    private static final class Lines {
        static final List<String> ALL = new CopyOnWriteArrayList<>();

        static {
            java.util.logging.Logger.getLogger("").addHandler(new JulLines());
            try {
                LogCapture.installForever(ALL);
            } catch (LinkageError | ClassCastException noLogback) {
                // A class path without logback (the container ITs): their servers log through JUL.
            }
        }
    }

    /**
     * Runs {@code leaking} and forgets what it logged: for the tests of this check, whose fixtures
     * leak on purpose (inside a test kit, so that only the fixtures fail).
     */
    public static <T> T forgetting(java.util.function.Supplier<T> leaking) {
        int start = Lines.ALL.size();
        try {
            return leaking.get();
        } finally {
            while (Lines.ALL.size() > start) {
                Lines.ALL.remove(Lines.ALL.size() - 1);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(HERE).put("start", Lines.ALL.size());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(HERE).put("start", Lines.ALL.size());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context, "test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context, "class");
    }

    private static void check(ExtensionContext context, String what) {
        Integer start = context.getStore(HERE).get("start", Integer.class);
        List<String> lines = Lines.ALL;
        List<String> leaks = new ArrayList<>();
        for (int i = start == null ? 0 : start; i < lines.size(); i++) {
            List<String> found = TestSecrets.foundIn(lines.get(i));
            if (!found.isEmpty()) {
                leaks.add(found + " in a line of " + lines.get(i).split(" ", 2)[0]);
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("A secret reached the log during this " + what + ": " + leaks);
        }
    }

    /** {@code java.util.logging} lines, formatted with their stack traces. */
    private static final class JulLines extends Handler {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            Lines.ALL.add(record.getLoggerName() + " " + format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
