package dev.chatroute.ledger;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: a new cluster in a temporary directory ({@code initdb}),
 * started on a free loopback port ({@code pg_ctl}), with trust authentication for {@code postgres}.
 * {@code initdb} refuses root: as root, the server runs as {@link #OS_USER} (which {@code .ci/run}
 * creates, and this class too when it is missing). Without PostgreSQL the test is skipped with a
 * message saying what to install, unless {@code CI} or {@code REQUIRE_POSTGRES_TESTS} is set:
 * then it fails, as CI must run it.
 */
final class PostgresServer implements AutoCloseable {

    static final String OS_USER = "chatroute-test";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean root;

    private PostgresServer(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.root = "root".equals(System.getProperty("user.name"));
        if (root) {
            ensureUser();
        }
        this.dir = Files.createTempDirectory("chatroute-pg-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        this.data = dir.resolve("data");
        if (root) {
            run(List.of("chown", OS_USER, dir.toString()), false);
        }
        this.port = freePort();
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync", "--no-locale"), true);
        start();
    }

    /** Starts a new server, or skips the test (fails it in CI) when PostgreSQL is not installed. */
    static PostgresServer startOrSkip() throws IOException, InterruptedException {
        Optional<Path> bin = findBin();
        if (bin.isEmpty()) {
            String message = "PostgreSQL is not installed: no initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin"
                    + " (Debian: apt-get install postgresql; .ci/run installs it)";
            if (System.getenv("CI") != null || System.getenv("REQUIRE_POSTGRES_TESTS") != null) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return new PostgresServer(bin.get());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"), true);
    }

    /** Stops the server at once, as a crash or a pulled cable would: no client is told. */
    void stopImmediately() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static Optional<Path> findBin() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path initdb = Path.of(entry, "initdb");
            if (Files.isExecutable(initdb) && Files.isExecutable(Path.of(entry, "pg_ctl"))) {
                return Optional.of(initdb.toAbsolutePath().getParent());
            }
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        return versions == null ? Optional.empty() : Arrays.stream(versions)
                .map(v -> v.toPath().resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparing(b -> b.getParent().getFileName().toString(), PostgresServer::byNumber));
    }

    private static int byNumber(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static void ensureUser() throws IOException, InterruptedException {
        if (new ProcessBuilder("id", "-u", OS_USER).redirectErrorStream(true).start().waitFor() != 0) {
            run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER), false, true);
        }
    }

    /** Runs a command (as {@link #OS_USER} when root and {@code asServerUser}); fails with its output. */
    private static void run(List<String> command, boolean asServerUser, boolean root) throws IOException,
            InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && root) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        // Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open for good.
        Path out = Files.createTempFile("chatroute-pg-", ".out");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", full));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (" + p.exitValue() + "):\n" + output);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        run(command, asServerUser, root);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
