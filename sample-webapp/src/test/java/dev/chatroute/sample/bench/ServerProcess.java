package dev.chatroute.sample.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} JVM started as a child, measured from outside through {@code /proc}: CPU
 * time (utime + stime), resident memory, and live threads, in total and by name prefix.
 */
final class ServerProcess implements AutoCloseable {

    /** Linux reports CPU time in clock ticks; 100 per second on every common kernel build. */
    private static final double MS_PER_TICK = 1000.0 / 100;

    final String name;
    private final Process process;
    private final int port;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code BenchServer mode providerUrl} with these {@code -D} settings and waits for its port. */
    static ServerProcess start(String name, String mode, URI providerUrl, Map<String, String> systemProperties)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g"); // the same heap cap for both servers, so RSS compares
        // e.g. BENCH_SERVER_JVM_ARGS="-XX:StartFlightRecording=settings=profile,filename=target/server.jfr"
        String extra = System.getenv("BENCH_SERVER_JVM_ARGS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchServer.class.getName());
        cmd.add(mode);
        cmd.add(providerUrl.toString());
        Path log = Path.of("target", "bench-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                drain(out, Path.of("target", "bench-" + name + ".out.log"));
                return new ServerProcess(name, p, Integer.parseInt(line.substring(5).trim()));
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the " + name + " server did not start; see " + log.toAbsolutePath());
    }

    /** Logback writes the server's warnings to stdout: keep reading it, or a full pipe would stall the server. */
    private static void drain(BufferedReader out, Path file) {
        Thread t = new Thread(() -> {
            try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    w.write(line);
                    w.newLine();
                }
            } catch (IOException ignored) {
                // the server ended
            }
        }, "server-stdout");
        t.setDaemon(true);
        t.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time so far, in milliseconds. */
    double cpuMillis() {
        String stat = read("stat");
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK; // fields 14 and 15 of stat
    }

    long rssKib() {
        return statusField("VmRSS");
    }

    long threads() {
        return statusField("Threads");
    }

    /** Live threads by name prefix: the name up to its first digit or dash-digit ({@code qtp123-45} is {@code qtp}). */
    Map<String, Integer> threadsByPrefix() {
        Map<String, Integer> byPrefix = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue; // the thread ended while we listed them
                }
                String prefix = comm.startsWith("chatroute-") ? "chatroute-" : comm.split("[0-9]", 2)[0];
                byPrefix.merge(prefix.isEmpty() ? comm : prefix, 1, Integer::sum);
            }
        } catch (IOException e) {
            byPrefix.put("unreadable: " + e.getMessage(), 0);
        }
        return byPrefix;
    }

    private long statusField(String field) {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        return -1;
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid()), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid() + "/" + file + ": is the server still running?", e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // BenchServer exits when its input ends
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
