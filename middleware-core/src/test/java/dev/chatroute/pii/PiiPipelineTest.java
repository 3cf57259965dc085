package dev.chatroute.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatAnswer;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.spi.Identity;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** chatroute.pii through the whole core: what the provider receives, what the client sees, what is recorded. */
class PiiPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PROMPT = "You are the help desk of Example GmbH; escalate to support@example.com.";
    private static final String QUESTION = "Hallo, ich bin Anna (anna.schmidt@example.de, Tel. +49 30 901820). "
            + "Bitte buchen Sie 4111 1111 1111 1111 ab und antworten Sie an ANNA.SCHMIDT@example.de.";
    private static final List<String> ORIGINALS = List.of("anna.schmidt@example.de", "ANNA.SCHMIDT@example.de",
            "+49 30 901820", "4111 1111 1111 1111");

    private static FakeGateway gateway(String mode, boolean restore) {
        return FakeGateway.start("chatroute.pii.mode=" + mode, "chatroute.pii.restore=" + restore,
                "chatroute.system-prompt=" + PROMPT);
    }

    private static String body(boolean stream) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}],\"stream\":" + stream + "}";
    }

    @Test
    void theProviderReceivesPlaceholdersAndTheClientSeesTheOriginalsAgainAcrossSplitDeltas() {
        try (FakeGateway gateway = gateway("redact", true)) {
            gateway.fake().enqueue(Reply.stream("Gern, ich schreibe an [EMA", "IL_1] und rufe [", "PHONE_1", "] an; ",
                    "Karte [CARD_1][", "EMAIL_9] erfunden. ["));

            RecordingChannel channel = gateway.post(body(true)).await(WAIT);

            JsonNode sent = gateway.fake().lastCall().json().path("messages");
            assertThat(sent.get(0).path("content").asText()).as("the operator's prompt is not redacted").isEqualTo(PROMPT);
            assertThat(sent.get(1).path("content").asText()).isEqualTo("Hallo, ich bin Anna ([EMAIL_1], Tel. [PHONE_1]). "
                    + "Bitte buchen Sie [CARD_1] ab und antworten Sie an [EMAIL_1].");
            assertThat(gateway.fake().lastCall().body).doesNotContain(ORIGINALS);
            assertThat(channel.deltaText()).isEqualTo("Gern, ich schreibe an anna.schmidt@example.de und rufe "
                    + "+49 30 901820 an; Karte 4111 1111 1111 1111[EMAIL_9] erfunden. [");
            assertThat(channel.events()).filteredOn(e -> e.name().equals("delta"))
                    .as("no piece of an issued placeholder reaches the client")
                    .noneMatch(e -> e.data().matches(".*(\\[EMA\"|IL_1\\]|\\[PHONE|\\[CARD).*"));
            assertThat(channel.eventNames()).endsWith("usage", "done");
            UsageRecord record = gateway.usage().awaitFirst(WAIT);
            assertThat(record.piiFindings()).containsExactly(entry("email", 2), entry("card", 1), entry("phone", 1));
            assertThat(record.toString()).doesNotContain(ORIGINALS);
        }
    }

    @Test
    void withoutRestoreTheClientSeesThePlaceholdersTheModelWrote() {
        try (FakeGateway gateway = gateway("redact", false)) {
            gateway.fake().enqueue(Reply.stream("Ich schreibe an [EMA", "IL_1]."));

            RecordingChannel channel = gateway.post(body(false)).await(WAIT);

            assertThat(channel.body().path("text").asText()).isEqualTo("Ich schreibe an [EMAIL_1].");
            assertThat(gateway.fake().lastCall().body).doesNotContain(ORIGINALS);
        }
    }

    @Test
    void aJsonAnswerIsRestoredWhole() {
        try (FakeGateway gateway = gateway("redact", true)) {
            gateway.fake().enqueue(Reply.stream("Ich schreibe an [EMA", "IL_1] und [PHONE_1]."));

            RecordingChannel channel = gateway.post(body(false)).await(WAIT);

            assertThat(channel.body().path("text").asText())
                    .isEqualTo("Ich schreibe an anna.schmidt@example.de und +49 30 901820.");
        }
    }

    @Test
    void aStreamCutOffMidPlaceholderShowsWhatWasHeldBeforeItsError() {
        try (FakeGateway gateway = gateway("redact", true)) {
            gateway.fake().enqueue(Reply.stream("Schreiben Sie an ", "[EMAIL_", "1] bitte").cutAfter(2));

            RecordingChannel channel = gateway.post(body(true)).await(WAIT);

            assertThat(channel.eventNames()).endsWith("delta", "error");
            assertThat(channel.deltaText()).isEqualTo("Schreiben Sie an [EMAIL_");
        }
    }

    @Test
    void refuseModeAnswers400NamingTheTypesAndNeverCallsTheProvider() {
        try (FakeGateway gateway = gateway("refuse", false)) {
            RecordingChannel channel = gateway.post(body(true)).await(WAIT);

            assertThat(channel.status()).isEqualTo(400);
            JsonNode error = channel.body().path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("code").asText()).isEqualTo("pii_detected");
            assertThat(error.path("message").asText()).contains("(email, card, phone)");
            assertThat(channel.json()).doesNotContain(ORIGINALS).doesNotContain("anna");
            assertThat(gateway.fake().callCount()).isZero();
            UsageRecord record = gateway.usage().awaitFirst(WAIT);
            assertThat(record.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(record.errorCode()).isEqualTo("pii_detected");
            assertThat(record.piiFindings()).containsExactly(entry("email", 2), entry("card", 1), entry("phone", 1));
        }
    }

    @Test
    void offByDefaultTheProviderReceivesTheMessagesAsWritten() {
        try (FakeGateway gateway = FakeGateway.start()) {
            gateway.post(body(false)).await(WAIT);

            assertThat(gateway.fake().lastCall().body).contains("anna.schmidt@example.de", "4111 1111 1111 1111");
            assertThat(gateway.usage().awaitFirst(WAIT).piiFindings()).isEmpty();
        }
    }

    @Test
    void aCallInCodeIsRedactedAndRestoredToo() throws Exception {
        try (FakeGateway gateway = gateway("redact", true)) {
            gateway.fake().enqueue(Reply.stream("Gebucht von [CA", "RD_1]."));

            ChatAnswer answer = gateway.chatroute().chat(new ChatRequest(List.of(ChatMessage.user(QUESTION)), "default",
                    false, 100, null, Map.of()), Identity.of("batch")).get(5, TimeUnit.SECONDS);

            assertThat(answer.text()).isEqualTo("Gebucht von 4111 1111 1111 1111.");
            assertThat(gateway.fake().lastCall().body).doesNotContain(ORIGINALS).contains("[CARD_1]");
        }
    }

    @Test
    void aCallInCodeIsRefusedTooInRefuseMode() {
        try (FakeGateway gateway = gateway("refuse", false)) {
            assertThatThrownBy(() -> gateway.chatroute().chat(new ChatRequest(List.of(ChatMessage.user(
                    "key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0")), "default", false, 100, null, Map.of()),
                    Identity.of("batch")).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApiErrorException.class)
                    .hasMessageContaining("pii_detected").hasMessageNotContaining("sk-proj");
            assertThat(gateway.fake().callCount()).isZero();
        }
    }
}
