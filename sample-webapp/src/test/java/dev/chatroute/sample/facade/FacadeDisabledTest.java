package dev.chatroute.sample.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.RawHttp;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With {@code chatroute.openai.enabled=false} neither adapter serves the facade: the container answers, not Chatroute. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacadeDisabledTest {

    final FakeProvider fake = FakeProvider.start();
    final SampleServer server = SampleServer.start(SampleServer.overFake(fake, "sk-off-SECRET-1",
            Map.of("chatroute.openai.enabled", "false")));

    @AfterAll
    void stop() throws Exception {
        server.close();
        fake.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/servlet/v1"})
    void theModelsListIsA404(String prefix) {
        RawHttp.Response answer = new FacadeClient(server.port(), prefix).get("/models");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("X-Request-Id")).as("not answered by Chatroute").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/servlet/v1"})
    void aChatCompletionReachesNoProvider(String prefix) {
        RawHttp.Response answer = new FacadeClient(server.port(), prefix).post("/chat/completions",
                "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(answer.status()).as("the container's own answer to an unmapped POST").isIn(404, 405);
        assertThat(answer.header("X-Request-Id")).isNull();
        assertThat(fake.callCount()).isZero();
    }
}
