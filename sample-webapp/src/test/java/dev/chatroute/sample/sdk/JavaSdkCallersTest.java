package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Who calls and when they leave, through the official Java client on both adapters: the SDK's
 * {@code apiKey} as a client key names the service caller, and a stream the SDK closes early
 * cancels the provider's call.
 */
class JavaSdkCallersTest {

    @Nested
    class OnTheJaxrsFacade extends Callers {
        @Override
        String base() {
            return "/v1";
        }
    }

    @Nested
    class OnTheServletFacade extends Callers {
        @Override
        String base() {
            return "/servlet/v1";
        }
    }

    abstract static class Callers extends FacadeFixture {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.models.premium", "fake/big-model");
            settings.put("chatroute.models.premium.roles", "staff");
            return settings;
        }

        static ChatCompletionCreateParams.Builder hello(String model) {
            return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello");
        }

        @Test
        void aClientKeyAsTheSdksApiKeyIsTheServiceCallerWithItsRoles() {
            var answer = sdk(CLIENT_KEY).chat().completions().create(hello("premium").build());

            assertThat(answer.choices().get(0).message().content()).contains("Hello from the fake.");
            assertThat(fake.lastCall().json().path("model").asText()).isEqualTo("big-model");
            assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer " + PROVIDER_KEY);
            assertThat(fake.lastCall().headers.values()).noneMatch(v -> v.contains(CLIENT_KEY));
            awaitLog("user=client:reports");
        }

        @Test
        void anotherKeyIsNoClientAndTheAliasesForItsRolesAreNotListed() {
            var ids = sdk(ANY_KEY).models().list().data().stream().map(m -> m.id()).toList();
            var clientIds = sdk(CLIENT_KEY).models().list().data().stream().map(m -> m.id()).toList();

            assertThat(ids).contains("default").doesNotContain("premium");
            assertThat(clientIds).contains("default", "premium");
        }

        @Test
        void aStreamTheSdkClosesEarlyCancelsTheProvidersCall() {
            fake.byDefault(Reply.endless().gap(Duration.ofMillis(20)));
            try (StreamResponse<ChatCompletionChunk> stream =
                         sdk(ANY_KEY).chat().completions().createStreaming(hello("default").build())) {
                Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
                for (int i = 0; i < 3; i++) {
                    assertThat(chunks.next().id()).startsWith("chatcmpl-");
                }
                assertThat(fake.lastCall().clientClosed()).isFalse();
            }
            long closedAt = System.nanoTime();

            long providerClosedAt = fake.lastCall().awaitClientClose(Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(providerClosedAt - closedAt)).isLessThan(Duration.ofSeconds(1));
            awaitLog("outcome=CLIENT_CANCELLED");
        }
    }
}
