package dev.chatroute.bench;

import dev.chatroute.ChatMessage;
import dev.chatroute.internal.tokens.TokenCounter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The input token estimate (o200k, per-message framing) that every call makes before it is admitted. */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenCountingBenchmark {

    private TokenCounter counter;
    private List<ChatMessage> shortInput;
    private List<ChatMessage> longInput;

    @Setup
    public void setUp() {
        counter = new TokenCounter();
        shortInput = List.of(ChatMessage.user("Hello, how do I reset my password?"));
        longInput = List.of(ChatMessage.system("You answer questions about our product."),
                ChatMessage.user(BenchSupport.prose(2_000)));
        // Report the real sizes, so the README can say what "short" and "~2k" were.
        System.out.println("short input: " + counter.countInput(shortInput) + " tokens; long input: "
                + counter.countInput(longInput) + " tokens");
    }

    @Benchmark
    public int shortInput() {
        return counter.countInput(shortInput);
    }

    @Benchmark
    public int input2kTokens() {
        return counter.countInput(longInput);
    }
}
