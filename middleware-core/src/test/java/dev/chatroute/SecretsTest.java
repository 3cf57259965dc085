package dev.chatroute;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The provider's API key reaches the provider and nothing else: no log line, no answer, no header,
 * no event, no exception; not even when the provider echoes it back in an error.
 */
class SecretsTest {

    private static final String KEY = FakeGateway.API_KEY;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theKeyAppearsNowhereWhateverHappensToTheCall() {
        List<RecordingChannel> channels = new ArrayList<>();
        try (LogCapture logs = LogCapture.install();
                FakeGateway gateway = FakeGateway.start("chatroute.timeouts.first-token=300ms")) {
            FakeProvider fake = gateway.fake();
            fake.enqueue(Reply.stream("Hello"), Reply.json("Hello"),
                    Reply.error(401, "invalid_api_key", "Incorrect API key provided: " + KEY),
                    Reply.error(500, "server_error", "Failed for key " + KEY),
                    Reply.error(500, "server_error", "Failed for key " + KEY),
                    Reply.hang(), Reply.words(500).gap(Duration.ofMillis(10)));

            channels.add(gateway.post(ask("Hi", true)).await(WAIT));
            channels.add(gateway.post(ask("Hi", false)).await(WAIT));
            channels.add(gateway.post(ask("Hi", false)).await(WAIT));
            channels.add(gateway.post(ask("Hi", false)).await(WAIT));
            channels.add(gateway.post(ask("Hi", true)).await(WAIT));
            channels.add(gateway.post(ask("Hi", true)).await(WAIT));
            RecordingChannel cancelled = new RecordingChannel();
            Exchange exchange = gateway.serve(TestCall.post(ask("Hi", true)), cancelled);
            await().atMost(WAIT).until(() -> cancelled.eventNames().size() >= 3);
            exchange.cancel();
            channels.add(cancelled);
            await().atMost(WAIT).until(() -> gateway.usage().all().size() == 7);

            assertThat(fake.calls()).hasSize(7).allSatisfy(c -> assertThat(c.header("Authorization"))
                    .isEqualTo("Bearer " + KEY));
            assertThat(channels).extracting(RecordingChannel::status).containsExactly(200, 200, 502, 503, 200, 200, 200);
            assertThat(logs.all()).contains("refused our credentials").contains("dev.chatroute.usage");
            assertThat(logs.all()).doesNotContain(KEY).doesNotContain("SECRET123");
        }
        for (RecordingChannel channel : channels) {
            assertThat(String.valueOf(channel.json())).doesNotContain(KEY);
            assertThat(channel.headers().values()).noneMatch(v -> v.contains(KEY));
            assertThat(channel.events()).noneMatch(e -> e.data().contains(KEY));
        }
    }

    @Test
    void aProviderFailureCarriesNoKeyInItsExceptionChain() throws Exception {
        try (FakeProvider fake = FakeProvider.start()) {
            fake.enqueue(Reply.error(401, "invalid_api_key", "Incorrect API key provided: " + KEY),
                    Reply.error(500, "server_error", "key " + KEY), Reply.words(5).cutAfter(2),
                    Reply.raw(200, "application/json", "{\"error\":\"bad key " + KEY + "\""));
            OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.create("f", fake.baseUrl(), KEY,
                    Duration.ofSeconds(2));

            for (boolean stream : new boolean[] {false, false, true, false}) {
                ProviderException failure = failureOf(provider, stream);
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(t.getMessage()).as("message of %s", t).doesNotContain(KEY);
                    assertThat(t.toString()).doesNotContain(KEY);
                }
            }
            assertThat(provider.toString()).doesNotContain(KEY);
        }
    }

    private static ProviderException failureOf(OpenAiCompatibleProvider provider, boolean stream) throws Exception {
        CompletableFuture<ProviderException> failure = new CompletableFuture<>();
        provider.call(new ProviderRequest("req-1", "m", List.of(ChatMessage.user("Hi")), 10, null, stream),
                new ProviderListener() {
                    @Override
                    public void onDelta(String text) {
                    }

                    @Override
                    public void onUsage(Usage usage) {
                    }

                    @Override
                    public void onComplete(String finishReason) {
                        failure.completeExceptionally(new AssertionError("completed"));
                    }

                    @Override
                    public void onError(ProviderException e) {
                        failure.complete(e);
                    }
                });
        return failure.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
