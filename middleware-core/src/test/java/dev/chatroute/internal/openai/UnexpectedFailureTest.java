package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A failure nobody expected is logged by its classes and stack, never by messages that may quote a secret. */
class UnexpectedFailureTest {

    @Test
    void messagesAreReplacedByClassNamesAllTheWayDown() {
        Throwable failure = new IllegalArgumentException("invalid header value: \"Bearer sk-test-SECRET123\n\"",
                new IOException("GET https://api.example.com/v1?key=SECRET-QUERY"));

        Throwable logged = OpenAiCall.withoutMessages(failure);

        StringWriter trace = new StringWriter();
        logged.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("java.lang.IllegalArgumentException", "java.io.IOException",
                "UnexpectedFailureTest").doesNotContain("SECRET");
        assertThat(logged.getStackTrace()).isEqualTo(failure.getStackTrace());
    }
}
