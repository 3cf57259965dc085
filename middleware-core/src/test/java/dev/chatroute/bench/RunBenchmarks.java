package dev.chatroute.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the core's JMH benchmarks with modest settings (1 fork, 3 × 1 s measurement, and the
 * warm-up each benchmark class declares: 2 × 1 s, 8 × 1 s for {@link ServeBenchmark}), about a
 * minute on two cores. Arguments are regular expressions of the benchmarks to
 * run (default: all of {@code dev.chatroute.bench}). Not a test: {@code mvn verify} never runs it.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .shouldFailOnError(true);
        if (args.length == 0) {
            options.include("dev\\.chatroute\\.bench\\..*Benchmark");
        }
        for (String pattern : args) {
            options.include(pattern);
        }
        new Runner(options.build()).run();
    }
}
