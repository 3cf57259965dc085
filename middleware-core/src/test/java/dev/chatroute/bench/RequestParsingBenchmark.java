package dev.chatroute.bench;

import dev.chatroute.ChatRequest;
import dev.chatroute.internal.config.InputSettings;
import dev.chatroute.internal.request.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing and validating a typical request body (three messages, model, stream, max_tokens,
 * temperature, metadata) into a {@link ChatRequest}, with the default input settings.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestParsingBenchmark {

    private RequestParser parser;
    private byte[] body;

    @Setup
    public void setUp() {
        // chatroute.input.* defaults: 64 KiB, 8000 tokens, 200 messages, 4096 output tokens, no system messages.
        parser = new RequestParser(new InputSettings(65_536, 8_000, 200, 4_096, false, null), "default"::equals);
        body = BenchSupport.TYPICAL_BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ChatRequest parseTypicalBody() {
        return parser.parse(body, "text/event-stream");
    }
}
