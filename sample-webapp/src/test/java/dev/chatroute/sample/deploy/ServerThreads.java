package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The threads of a full EE server's JVM, as the probe WAR ({@code probe.ServerProbe}) lists them. A
 * deployed application's threads are those whose context class loader is the application's, which
 * Chatroute's own threads ({@code chatroute-*}) show while it runs: its HTTP client's selector and
 * anything a library started for it carry the same loader.
 */
final class ServerThreads {

    private static final Pattern TIMER = Pattern.compile("chatroute-\\d+-timer-1");
    private static final Pattern CHATROUTE = Pattern.compile("chatroute-.*|HttpClient-\\d+-SelectorManager");

    record Probed(long id, String name, String loader) {
    }

    private ServerThreads() {
    }

    static List<Probed> list(URL probe) throws Exception {
        String body = Calls.get(Calls.at(probe, "threads")).body();
        return body.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", 3))
                .map(f -> new Probed(Long.parseLong(f[0]), f[1], f[2])).toList();
    }

    /** The class loaders of the Chatroute threads started since {@code before}: the deployed applications'. */
    static Set<String> applicationLoaders(URL probe, List<Probed> before) throws Exception {
        Set<Long> old = before.stream().map(Probed::id).collect(Collectors.toSet());
        return list(probe).stream().filter(t -> !old.contains(t.id()) && t.name().startsWith("chatroute-"))
                .map(Probed::loader).collect(Collectors.toSet());
    }

    /** How many gateways started since {@code before}: each has one timer thread, {@code chatroute-<n>-timer-1}. */
    static long gateways(URL probe, List<Probed> before) throws Exception {
        Set<Long> old = before.stream().map(Probed::id).collect(Collectors.toSet());
        return list(probe).stream().filter(t -> !old.contains(t.id()) && TIMER.matcher(t.name()).matches()).count();
    }

    /** Waits until no thread of these loaders, and no Chatroute thread started since {@code before}, is alive. */
    static void assertAllEnded(URL probe, List<Probed> before, Set<String> loaders) throws Exception {
        Set<Long> old = before.stream().map(Probed::id).collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> left = left(probe, old, loaders);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250); // polling the other JVM: each look collects its garbage first
            left = left(probe, old, loaders);
        }
        assertThat(left).as("threads of the undeployed application still running in the server").isEmpty();
    }

    private static List<String> left(URL probe, Set<Long> old, Set<String> loaders) throws Exception {
        return list(probe).stream().filter(t -> !old.contains(t.id())
                        && (loaders.contains(t.loader()) || CHATROUTE.matcher(t.name()).matches()))
                .map(t -> t.name() + " (" + t.loader() + ")").sorted().toList();
    }
}
