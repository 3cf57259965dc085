package dev.chatroute.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged WAR, run as a new user runs it: {@code java -jar target/sample-webapp.war}, with
 * {@code PORT} and {@code CHATROUTE_CONFIG} from the environment.
 */
class ExecutableWarIT {

    private static final Path WAR = Path.of("target/sample-webapp.war");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withNoConfigurationBothRoutesStreamTheDemoAnswer() throws Exception {
        try (RunningWar war = RunningWar.start(null)) {
            for (String route : List.of("/api/chat", "/servlet/api/chat")) {
                String body = post(war.uri(route), "{\"userMessage\":\"Who are you?\",\"stream\":true}");
                assertThat(body).startsWith("event: meta").contains("event: delta").contains("{\"text\":\"demo \"}")
                        .endsWith("event: done\ndata: {\"finishReason\":\"stop\"}\n\n");
            }
            assertThat(get(war.uri("/"))).contains("<html");
        }
    }

    @Test
    void theMonitoringPagesRunFromThePackagedWarWithNoConfiguration() throws Exception {
        try (RunningWar war = RunningWar.start(null)) {
            post(war.uri("/servlet/api/chat"), "{\"userMessage\":\"Hi\",\"stream\":false}");
            // a call's meters are recorded as it ends, which may be just after its answer was sent
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(war.uri("/metrics")),
                    body -> body.contains("gen_ai_client_operation_duration_seconds_count"));
            assertThat(get(war.uri("/admin/usage"))).contains("webjars/chart.js/4.4.1/dist/chart.umd.js");
            // the WebJar in WEB-INF/lib is served from its META-INF/resources
            assertThat(get(war.uri("/webjars/chart.js/4.4.1/dist/chart.umd.js"))).contains("Chart.js v4.4.1");
            // the embedded H2 ledger in the container's work directory records the call
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> get(war.uri("/admin/usage.json?days=1")), body -> body.contains("\"calls\":1,"));
        }
    }

    @Test
    void withAConfigFileBothRoutesStreamTheConfiguredProvidersAnswer() throws Exception {
        try (FakeProvider fake = FakeProvider.start()) {
            fake.byDefault(Reply.stream("Answer", " from", " the", " configured", " provider."));
            Path config = Files.createTempFile("chatroute", ".properties");
            Files.writeString(config, String.join("\n",
                    "chatroute.providers.acme.type=openai-compatible",
                    "chatroute.providers.acme.base-url=" + fake.baseUrl(),
                    "chatroute.providers.acme.api-key=${env:ACME_KEY}",
                    "chatroute.models.default=acme/acme-large"));
            try (RunningWar war = RunningWar.start(config)) {
                for (String route : List.of("/api/chat", "/servlet/api/chat")) {
                    String body = post(war.uri(route), "{\"userMessage\":\"Hi\",\"stream\":true}");
                    assertThat(body).contains("{\"text\":\" configured\"}").contains("event: done");
                    assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer sk-acme-from-env");
                    assertThat(fake.lastCall().json().path("model").asText()).isEqualTo("acme-large");
                }
                assertThat(war.output()).doesNotContain("sk-acme-from-env");
            }
        }
    }

    @Test
    void aBadSettingStopsTheLaunchNamingTheKey() throws Exception {
        Path config = Files.createTempFile("chatroute", ".properties");
        Files.writeString(config, "chatroute.timeouts.total=forever\n");
        Process p = RunningWar.command(config, freePort()).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the launcher exits").isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).isNotZero();
        assertThat(output).contains("chatroute.timeouts.total: 'forever' is not a duration");
    }

    private String post(URI uri, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A `java -jar` process of the WAR, stopped on close. */
    static final class RunningWar implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final int port;

        private RunningWar(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        static ProcessBuilder command(Path config, int port) {
            if (!Files.isRegularFile(WAR)) {
                throw new IllegalStateException(WAR + " is missing: run `mvn verify`, which packages it first");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", WAR.toString()).redirectErrorStream(true);
            pb.environment().put("PORT", String.valueOf(port));
            pb.environment().put("ACME_KEY", "sk-acme-from-env");
            pb.environment().remove("CHATROUTE_CONFIG");
            if (config != null) {
                pb.environment().put("CHATROUTE_CONFIG", config.toString());
            }
            return pb;
        }

        static RunningWar start(Path config) throws Exception {
            int port = freePort();
            Path log = Files.createTempFile("sample-war", ".log");
            Process process = command(config, port).redirectOutput(log.toFile()).start();
            RunningWar war = new RunningWar(process, log, port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!war.output().contains("Chatroute sample running at")) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    war.close();
                    throw new AssertionError("the WAR did not start:\n" + war.output());
                }
                Thread.sleep(100);
            }
            return war;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
