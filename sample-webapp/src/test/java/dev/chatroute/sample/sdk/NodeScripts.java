package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code src/test/node} with Node and the {@code openai} package that folder's
 * lock file pins, and gives back what it printed; a missing Node or {@code node_modules} fails the
 * test with the command that fixes it.
 */
final class NodeScripts {

    static final Path DIR = Path.of("src/test/node");
    private static final String INSTALL = "npm ci --prefix sample-webapp/src/test/node (or run the README's ./run-tests)";
    private static final long MAX_OUTPUT = 1 << 20;

    private NodeScripts() {
    }

    /** Runs {@code node script} in {@link #DIR} with these environment variables; its standard output's lines. */
    static List<String> run(String script, Map<String, String> env, Duration limit) {
        if (!Files.isRegularFile(DIR.resolve("node_modules/openai/package.json"))) {
            fail("the openai npm package is not installed in " + DIR.toAbsolutePath() + ": run " + INSTALL);
        }
        try {
            Path out = Files.createTempFile("node-out", ".txt");
            Path err = Files.createTempFile("node-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder("node", script).directory(DIR.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                // Only what the test gives: a developer's own OPENAI_* settings must not reach the SDK.
                builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_"));
                builder.environment().putAll(env);
                Process node = start(builder);
                if (!node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    node.destroyForcibly();
                    fail("node " + script + " did not finish within " + limit.toSeconds() + "s; it printed:\n"
                            + read(out) + "\n" + read(err));
                }
                if (node.exitValue() != 0) {
                    fail("node " + script + " exited with " + node.exitValue() + ":\n" + read(err));
                }
                return read(out).lines().toList();
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while node " + script + " ran", e);
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            return fail("Node.js is not on the PATH (" + e.getMessage() + "): install Node 20 or later, then run " + INSTALL);
        }
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_OUTPUT) {
            return "(more than " + MAX_OUTPUT + " bytes of output)";
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
