package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * chatroute.pii on the real sample, both routes: what the provider receives has placeholders and
 * none of the values; the client gets the values back when restore is on, and a refusal before any
 * provider call in refuse mode.
 */
class PiiContractTest {

    static final String QUESTION = "Bonjour, je suis Marie (marie.dupont@exemple.fr, +33 1 42 68 53 00). "
            + "Mon IBAN est FR14 2004 1010 0505 0001 3M02 606, écrivez à Marie.Dupont@exemple.fr.";
    static final List<String> VALUES = List.of("marie.dupont@exemple.fr", "Marie.Dupont@exemple.fr",
            "+33 1 42 68 53 00", "FR14 2004 1010 0505 0001 3M02 606");
    static final String REDACTED = "Bonjour, je suis Marie ([EMAIL_1], [PHONE_1]). Mon IBAN est [IBAN_1], "
            + "écrivez à [EMAIL_1].";
    /** The model's answer, its placeholders cut across deltas. */
    static final Reply ANSWER = Reply.stream("J'écris à [EM", "AIL_1", "] et j'appelle [PHONE_", "1]; IBAN [", "IBAN_1].");

    static String ask(boolean stream) {
        return "{\"userMessage\":\"" + QUESTION + "\",\"stream\":" + stream + "}";
    }

    abstract static class Redacting extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("chatroute.pii.mode", "redact");
            s.put("chatroute.pii.restore", "true");
            s.put("chatroute.pii.phone-regions", "US, FR");
            return s;
        }

        @Test
        void theProviderReceivesPlaceholdersAndAStreamShowsTheValuesAgain() {
            fake.enqueue(ANSWER);

            Answer answer = client.post(ask(true));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(fake.lastCall().json().path("messages").get(1).path("content").asText()).isEqualTo(REDACTED);
            assertThat(fake.lastCall().body).doesNotContain(VALUES);
            assertThat(answer.streamedText()).isEqualTo("J'écris à marie.dupont@exemple.fr et j'appelle "
                    + "+33 1 42 68 53 00; IBAN FR14 2004 1010 0505 0001 3M02 606.");
            assertThat(answer.eventNames()).endsWith("usage", "done");
            awaitLog("pii=email:2,iban:1,phone:1");
            assertThat(logs.all()).doesNotContain(VALUES);
        }

        @Test
        void aJsonAnswerShowsTheValuesAgain() {
            fake.enqueue(ANSWER);

            Answer answer = client.post(ask(false));

            assertThat(fake.lastCall().body).doesNotContain(VALUES).contains("[IBAN_1]");
            assertThat(answer.json().path("text").asText()).isEqualTo("J'écris à marie.dupont@exemple.fr et "
                    + "j'appelle +33 1 42 68 53 00; IBAN FR14 2004 1010 0505 0001 3M02 606.");
        }

        @Test
        void theServersSystemPromptIsSentAsWritten() {
            client.post(ask(false));

            assertThat(fake.lastCall().json().path("messages").get(0).path("content").asText())
                    .isEqualTo("You are a helpful assistant.");
        }
    }

    abstract static class RedactingWithoutRestore extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("chatroute.pii.mode", "redact");
            s.put("chatroute.pii.phone-regions", "FR");
            return s;
        }

        @Test
        void theClientSeesThePlaceholdersTheModelWrote() {
            fake.enqueue(ANSWER);

            Answer answer = client.post(ask(true));

            assertThat(fake.lastCall().json().path("messages").get(1).path("content").asText()).isEqualTo(REDACTED);
            assertThat(answer.streamedText()).isEqualTo("J'écris à [EMAIL_1] et j'appelle [PHONE_1]; IBAN [IBAN_1].");
        }
    }

    abstract static class Refusing extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("chatroute.pii.mode", "refuse");
            return s;
        }

        @Test
        void aRequestWithPersonalDataIsRefusedBeforeAnyProviderCall() {
            Answer answer = client.post(ask(true));

            assertError(answer, 400, "invalid_request_error", "pii_detected");
            assertThat(answer.error().path("message").asText()).contains("(email, iban, phone)");
            assertThat(answer.everything()).doesNotContain(VALUES);
            assertThat(fake.callCount()).isZero();
            awaitLog("error=pii_detected");
        }

        @Test
        void aRequestWithoutPersonalDataIsAnswered() {
            Answer answer = client.post("{\"userMessage\":\"Quelle heure est-il à Tokyo ?\"}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(fake.callCount()).isOne();
        }
    }

    @Nested
    class RedactingOnTheJaxrsRoute extends Redacting {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class RedactingOnTheServletRoute extends Redacting {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    @Nested
    class RedactingWithoutRestoreOnTheJaxrsRoute extends RedactingWithoutRestore {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class RedactingWithoutRestoreOnTheServletRoute extends RedactingWithoutRestore {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    @Nested
    class RefusingOnTheJaxrsRoute extends Refusing {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class RefusingOnTheServletRoute extends Refusing {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }
}
