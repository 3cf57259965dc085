package dev.chatroute.tools;

import static dev.chatroute.testing.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.Chatroute;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.EventListener;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import dev.chatroute.tools.ScriptedToolProvider.Piece;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that needs a capability skips chain targets that lack it, as a skip and not a failure;
 * with no target left it is a 400 {@code unsupported_parameter} naming the parameter.
 */
class CapabilitySkipTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private FakeProvider fake;
    private ScriptedToolProvider plain;
    private Chatroute chatroute;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
        // an in-house provider of the app's with no tools and no JSON mode, first in the chain
        plain = new ScriptedToolProvider("plain", EnumSet.of(Capability.SEED), List.<Piece>of());
        chatroute = Chatroute.builder().config(FakeConfig.provider(FakeConfig.config(), "f", fake)
                        .put("chatroute.models.default", "plain/m, f/some-model")
                        .put("chatroute.models.plain-only", "plain/m")
                        .build())
                .provider(plain)
                .eventListener(new EventListener() {
                    @Override
                    public void targetSkipped(String target, String why) {
                        events.add("skipped " + target + " " + why);
                    }

                    @Override
                    public void attemptStart(String target, int attempt) {
                        events.add("try " + target);
                    }

                    @Override
                    public void fallback(String from, String to, String why) {
                        events.add("fallback " + from + " " + to);
                    }
                })
                .build();
    }

    @AfterEach
    void stop() {
        chatroute.close();
        fake.close();
    }

    @Test
    void aTargetWithoutToolsIsSkippedAndTheNextAnswers() {
        fake.enqueue(Reply.json("from the second target"));

        RecordingChannel channel = serve(ToolValidationTest.with("\"tools\":[" + ToolValidationTest.WEATHER + "]"));

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.body().path("text").asText()).isEqualTo("from the second target");
        assertThat(plain.requests).isEmpty();
        assertThat(events).containsExactly("skipped plain/m tools", "try f/some-model");
    }

    @Test
    void aRequestWithoutSuchNeedsStillStartsAtTheFirstTarget() {
        RecordingChannel channel = serve(ToolValidationTest.with("\"seed\":3"));

        assertThat(channel.status()).isEqualTo(200);
        assertThat(plain.requests).hasSize(1);
        assertThat(events).containsExactly("try plain/m");
    }

    @Test
    void withNoCapableTargetTheRequestIsRefusedNamingTheParameter() {
        RecordingChannel channel = serve("{\"userMessage\":\"Hi\",\"model\":\"plain-only\","
                + "\"response_format\":{\"type\":\"json_object\"}}");

        assertThat(assertInvalid(channel, "unsupported_parameter", "response_format").path("message").asText())
                .contains("plain-only", "json_object");
        assertThat(plain.requests).isEmpty();
        assertThat(fake.callCount()).isZero();
    }

    @Test
    void toolChoiceAutoNeedsNoMoreThanTools() {
        RecordingChannel channel = serve("{\"userMessage\":\"Hi\",\"model\":\"plain-only\",\"tools\":["
                + ToolValidationTest.WEATHER + "],\"tool_choice\":\"auto\"}");

        assertInvalid(channel, "unsupported_parameter", "tools");
    }

    private RecordingChannel serve(String body) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(body), channel);
        return channel.await(Duration.ofSeconds(5));
    }
}
