package dev.chatroute.logging;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * While Chatroute works for a call it puts the call's request id in the MDC
 * ({@code chatrouteRequestId}), on the request's thread and on the threads that deliver the
 * provider's answer alike, and gives each thread back the MDC it had.
 */
class RequestIdInMdcTest {

    private final ListAppender<ILoggingEvent> usageLines = new ListAppender<>();
    private Logger usage;

    @BeforeEach
    void listen() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        usage = context.getLogger("dev.chatroute.usage");
        usageLines.setContext(context);
        usageLines.start();
        usage.addAppender(usageLines);
    }

    @AfterEach
    void stop() {
        usage.detachAppender(usageLines);
        MDC.clear();
    }

    @Test
    void aStreamedCallsLinesNameItsRequestIdAndTheCallersMdcIsRestored() {
        try (FakeGateway gateway = FakeGateway.start()) {
            gateway.fake().enqueue(Reply.stream("Hello", " there").firstDelay(Duration.ofMillis(50)));
            MDC.put("chatrouteRequestId", "the-app's-own");

            RecordingChannel channel = gateway.serve(TestCall.post(ask("Hi", true)).header("X-Request-Id", "req-mdc-1"));

            assertThat(MDC.get("chatrouteRequestId")).isEqualTo("the-app's-own");
            channel.await(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(2)).until(() -> !usageLines.list.isEmpty());
            assertThat(mdcOf(usageLines.list)).containsExactly("req-mdc-1");
        }
    }

    @Test
    void aRefusedCallsLineNamesItsRequestIdToo() {
        try (FakeGateway gateway = FakeGateway.start()) {
            gateway.serve(TestCall.post("{not json").header("X-Request-Id", "req-mdc-2")).await(Duration.ofSeconds(5));

            await().atMost(Duration.ofSeconds(2)).until(() -> !usageLines.list.isEmpty());
            assertThat(mdcOf(usageLines.list)).containsExactly("req-mdc-2");
            assertThat(MDC.get("chatrouteRequestId")).isNull();
        }
    }

    private static List<String> mdcOf(List<ILoggingEvent> events) {
        return events.stream().map(e -> e.getMDCPropertyMap().get("chatrouteRequestId")).toList();
    }
}
