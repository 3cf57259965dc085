package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context on the real sample, both routes: the sample sets no OpenTelemetry and has the
 * API without an SDK, so nothing is recorded, yet the client's trace reaches the provider (the API's
 * no-op span carries its parent's context), and a call without one sends none.
 */
class TraceContextContractTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    abstract static class Traced extends ChatRouteContract {

        @Test
        void theClientsTraceparentAndTracestateReachTheProvider() {
            fake.enqueue(Reply.json("Hello"));

            Answer answer = client.post("{\"userMessage\":\"Hi\"}", "traceparent", TRACEPARENT,
                    "tracestate", "vendor=value");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(fake.lastCall().header("traceparent")).startsWith("00-" + TRACE_ID + "-");
            assertThat(fake.lastCall().header("tracestate")).isEqualTo("vendor=value");
        }

        @Test
        void aStreamCarriesItToo() {
            fake.enqueue(Reply.stream("a", "b"));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"stream\":true}", "traceparent", TRACEPARENT);

            assertThat(answer.eventNames()).endsWith("usage", "done");
            assertThat(fake.lastCall().header("traceparent")).startsWith("00-" + TRACE_ID + "-");
        }

        @Test
        void aCallWithoutOneSendsNone() {
            fake.enqueue(Reply.json("Hello"));

            assertThat(client.post("{\"userMessage\":\"Hi\"}").status()).isEqualTo(200);
            assertThat(fake.lastCall().header("traceparent")).isNull();
        }
    }

    @Nested
    class OnTheJaxrsRoute extends Traced {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Traced {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }
}
