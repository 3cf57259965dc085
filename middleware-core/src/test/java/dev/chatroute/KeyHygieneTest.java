package dev.chatroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.UsageRecords;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * End to end against the fake provider: a key from a secret file saved with a newline is sent
 * clean, and a base URL's query reaches the provider but no log line, whatever the provider answers.
 */
class KeyHygieneTest {

    private static final String KEY = FakeGateway.API_KEY;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aKeyWithATrailingNewlineIsSentWithoutItAndTheQueryStaysOutOfTheLogs() {
        UsageRecords usage = new UsageRecords();
        try (LogCapture logs = LogCapture.install(); FakeProvider fake = FakeProvider.start()) {
            ChatrouteConfig config = ChatrouteConfig.builder()
                    .environment(name -> name.equals("KEY_FILE") ? KEY + "\r\n" : null)
                    .put("chatroute.providers.f.type", "openai-compatible")
                    .put("chatroute.providers.f.base-url", fake.baseUrl() + "?token=SECRET-QUERY")
                    .put("chatroute.providers.f.api-key", "${env:KEY_FILE}")
                    .put("chatroute.models.default", "f/m")
                    .put("chatroute.retry.max-attempts", "1")
                    .build();
            fake.enqueue(Reply.stream("Hello"), Reply.error(401, "invalid_api_key", "bad key"),
                    Reply.raw(200, "text/html", "<html>portal</html>"), Reply.raw(302, "text/html", ""));
            try (Chatroute chatroute = Chatroute.builder().config(config).usageListener(usage).build()) {
                for (int i = 0; i < 4; i++) {
                    RecordingChannel channel = new RecordingChannel();
                    chatroute.serve(TestCall.post(FakeGateway.ask("Hi", true)), channel);
                    channel.await(WAIT);
                }
                await().atMost(WAIT).until(() -> usage.all().size() == 4);
            }

            assertThat(fake.calls()).hasSize(4).allSatisfy(call -> {
                assertThat(call.header("Authorization")).isEqualTo("Bearer " + KEY);
                assertThat(call.path).isEqualTo("/v1/chat/completions?token=SECRET-QUERY");
            });
            assertThat(logs.all()).contains("refused our credentials").doesNotContain("SECRET-QUERY")
                    .doesNotContain(KEY).doesNotContain("SECRET123");
        }
    }
}
