package dev.chatroute.bench;

import dev.chatroute.ChatMessage;
import dev.chatroute.internal.pii.PiiPolicy;
import dev.chatroute.internal.pii.PiiSettings;
import dev.chatroute.internal.pii.PiiType;
import dev.chatroute.internal.pii.Redaction;
import java.util.EnumSet;
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

/**
 * What {@code chatroute.pii.mode=redact} costs a call: the default types (email, phone with region
 * US, card, iban, secret) over a typical 1 KiB message with a few findings, over the same message
 * with none, and over 64 KiB of digits and spaces (the worst input for libphonenumber, the largest
 * body the route accepts by default).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PiiScanBenchmark {

    private PiiPolicy policy;
    private List<ChatMessage> withFindings;
    private List<ChatMessage> clean;
    private List<ChatMessage> digits;

    @Setup
    public void setUp() {
        policy = new PiiPolicy(new PiiSettings(PiiSettings.Mode.REDACT,
                EnumSet.of(PiiType.EMAIL, PiiType.PHONE, PiiType.CARD, PiiType.IBAN, PiiType.SECRET), false,
                List.of("US")));
        String prose = "Please summarise the attached quarterly report for the board and keep it short. ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 900) {
            text.append(prose);
        }
        clean = List.of(ChatMessage.user(text.toString()));
        withFindings = List.of(ChatMessage.user(text + "Reach me at jane.doe@example.com or (415) 555-0132; "
                + "refund card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00."));
        digits = List.of(ChatMessage.user("12 34 ".repeat(64 * 1024 / 6)));
    }

    @Benchmark
    public Redaction typicalMessageWithFindings() {
        return policy.apply(withFindings);
    }

    @Benchmark
    public Redaction typicalMessageWithout() {
        return policy.apply(clean);
    }

    @Benchmark
    public Redaction worstCase64KiBOfDigits() {
        return policy.apply(digits);
    }
}
