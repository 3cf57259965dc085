package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The threads a gateway starts, seen from the test JVM that also runs the embedded container:
 * {@code chatroute-<n>-timer-*}, {@code chatroute-<n>-http-*}, the JDK HttpClient's
 * {@code HttpClient-<n>-SelectorManager}, which ends only once its client is garbage collected,
 * and any other thread a library started on the application's behalf: one whose context class
 * loader is a web application's (the container's own threads carry the test's class loader, except
 * the pool threads Jetty adds while serving a WAR, known by name).
 */
final class ChatrouteThreads {

    private static final Pattern GATEWAY = Pattern.compile("chatroute-(\\d+)-(timer|http)-\\d+");
    private static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");
    /** Jetty's own pool: a thread it adds while serving a WAR inherits that WAR's class loader. */
    private static final Pattern JETTY_POOL = Pattern.compile("qtp\\d+-\\d+");

    private ChatrouteThreads() {
    }

    /** The live threads a gateway could have started; take it before deploying. */
    static Set<Thread> snapshot() {
        java.util.Objects.requireNonNull(Calls.HTTP); // the tests' own client, and its selector, come first
        return Thread.getAllStackTraces().keySet().stream().filter(ChatrouteThreads::applications)
                .collect(Collectors.toSet());
    }

    private static boolean applications(Thread t) {
        ClassLoader loader = t.getContextClassLoader();
        boolean webappLoader = loader != null && loader != ClassLoader.getSystemClassLoader()
                && loader != ClassLoader.getPlatformClassLoader()
                && loader != ChatrouteThreads.class.getClassLoader();
        return GATEWAY.matcher(t.getName()).matches() || SELECTOR.matcher(t.getName()).matches()
                || webappLoader && !JETTY_POOL.matcher(t.getName()).matches();
    }

    /** Such threads started since {@code before} and still alive, by name. */
    static List<String> startedSince(Set<Thread> before) {
        return threadsSince(before).stream().map(Thread::getName).sorted().toList();
    }

    static List<Thread> threadsSince(Set<Thread> before) {
        return snapshot().stream().filter(t -> !before.contains(t)).toList();
    }

    /**
     * The gateways whose threads started since {@code before}: each is its number {@code <n>} and
     * the application it runs in (its threads' context class loader), since every WAR has its own
     * copy of Chatroute and so numbers its gateways from 1.
     */
    static Set<String> gatewaysSince(Set<Thread> before) {
        return threadsSince(before).stream().filter(t -> GATEWAY.matcher(t.getName()).matches())
                .map(t -> application(t) + "/" + GATEWAY.matcher(t.getName()).replaceFirst("$1"))
                .collect(Collectors.toSet());
    }

    /** Which application a thread was started for: its context class loader, as a short id. */
    static String application(Thread t) {
        return Integer.toHexString(System.identityHashCode(t.getContextClassLoader()));
    }

    /**
     * Waits until every such thread started since {@code before} has ended, collecting garbage so
     * that an HttpClient nobody references lets its selector thread go (it looks every 3 seconds).
     */
    static void assertAllEndedSince(Set<Thread> before) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> left = startedSince(before);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            System.gc();
            Thread.sleep(250);
            left = startedSince(before);
        }
        assertThat(left).as("threads started by Chatroute and still running after undeploy").isEmpty();
    }
}
