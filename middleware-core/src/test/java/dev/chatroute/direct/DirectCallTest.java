package dev.chatroute.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatAnswer;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.UsageRecord;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A model called from application code, through the same session as the route. */
class DirectCallTest {

    static ChatRequest ask(String model, String text) {
        return new ChatRequest(List.of(ChatMessage.user(text)), model, true, 100, null, Map.of("feature", "summary"));
    }

    @Test
    void aCallInCodeGetsTheWholeAnswerAndIsRecordedForItsUser() throws Exception {
        List<UsageRecord> records = new CopyOnWriteArrayList<>();
        try (FakeProvider fake = FakeProvider.start();
             Chatroute gateway = Chatroute.builder().usageListener(records::add).config(ChatrouteConfig.builder()
                     .put("chatroute.providers.f.type", "openai-compatible")
                     .put("chatroute.providers.f.base-url", fake.baseUrl().toString())
                     .put("chatroute.models.default", "f/m").build()).build()) {
            fake.byDefault(Reply.stream("A short", " summary."));

            ChatAnswer answer = gateway.chat(ask("default", "Summarise this"), Identity.of("batch-job"))
                    .get(5, TimeUnit.SECONDS);

            assertThat(answer.text()).isEqualTo("A short summary.");
            assertThat(answer.usage().inputTokens()).isEqualTo(11);
            assertThat(fake.lastCall().json().path("stream").asBoolean()).as("gathered from an upstream stream").isTrue();
            // The record is written just after the answer is handed over, on the provider's thread.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(records).singleElement().satisfies(r -> {
                        assertThat(r.user()).isEqualTo("batch-job");
                        assertThat(r.metadata()).containsEntry("feature", "summary");
                    }));
        }
    }

    @Test
    void aFailedCallInCodeCarriesTheContractError() {
        try (FakeProvider fake = FakeProvider.start();
             Chatroute gateway = Chatroute.create(ChatrouteConfig.builder()
                     .put("chatroute.providers.f.type", "openai-compatible")
                     .put("chatroute.providers.f.base-url", fake.baseUrl().toString())
                     .put("chatroute.models.default", "f/m")
                     .put("chatroute.retry.max-attempts", "1").build())) {
            fake.byDefault(Reply.error(503, "overloaded", "busy").header("Retry-After", "4"));

            assertThatThrownBy(() -> gateway.chat(ask("default", "Hi"), Identity.of("u")).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApiErrorException.class)
                    .satisfies(e -> {
                        ApiErrorException api = (ApiErrorException) e;
                        assertThat(api.error().status()).isEqualTo(503);
                        assertThat(api.error().code()).isEqualTo("upstream_unavailable");
                        assertThat(api.error().retryAfter()).hasSeconds(4);
                    });
            assertThatThrownBy(() -> gateway.chat(ask("nope", "Hi"), Identity.of("u")).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ApiErrorException.class).hasMessageContaining("model_not_found");
        }
    }
}
