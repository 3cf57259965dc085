package dev.chatroute.sample.deploy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a deployed WAR prints, for its usage lines: a WAR's own logback (console by default) is
 * out of the tests' reach, but its console appender writes through {@code System.out} at each call.
 */
final class StdoutLines implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    private StdoutLines() {
    }

    static StdoutLines install() {
        StdoutLines lines = new StdoutLines();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                lines.original.write(b);
                synchronized (lines.seen) {
                    lines.seen.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                lines.original.write(b, off, len);
                synchronized (lines.seen) {
                    lines.seen.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
        return lines;
    }

    /** How many printed lines contain this text. */
    long count(String text) {
        String all;
        synchronized (seen) {
            all = seen.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
