package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import dev.chatroute.sample.FakeSsoFilter;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The sample on real Jetty with its OpenAI-compatible facade on, over a fake provider, for the
 * official SDKs. Subclasses name the facade's base path ({@code /v1} on JAX-RS, {@code /servlet/v1}
 * on the filter), so every SDK test runs against both adapters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FacadeFixture {

    static final String PROVIDER_KEY = "sk-sdk-provider-SECRET-5f2a";
    /** A bearer that is no client key: the sample's anonymous mode then tells the caller by address. */
    static final String ANY_KEY = "sk-sdk-caller-SECRET-77c1";
    /** The client key of the service caller {@code reports}. */
    static final String CLIENT_KEY = TestSecrets.register("ck-reports-sdk-9e41d7");

    final FakeProvider fake = FakeProvider.start();
    final LogCapture logs = LogCapture.install();
    final SampleServer server = SampleServer.start(settings(), FakeSsoFilter.class, FacadeRequests.class);

    /** The facade's path in the sample, such as {@code /v1}. */
    abstract String base();

    /** The sample's settings for this suite; a suite may add to them. */
    Map<String, String> settings() {
        Map<String, String> settings = SampleServer.overFake(fake, PROVIDER_KEY, Map.of());
        settings.put("chatroute.openai.enabled", "true");
        settings.put("chatroute.limits.requests-per-minute", "1000");
        // One try per call and a circuit that never opens, so that each SDK request is one provider call.
        settings.put("chatroute.retry.max-attempts", "1");
        settings.put("chatroute.circuit-breaker.failure-threshold", "1000");
        settings.put("chatroute.clients.reports.key-sha256", sha256(CLIENT_KEY));
        settings.put("chatroute.clients.reports.roles", "staff");
        return settings;
    }

    /** The facade's base URL, as an SDK takes it. */
    String baseUrl() {
        return server.uri(base()).toString();
    }

    /** The official Java client on the facade, with no retries of its own unless a test asks. */
    OpenAIClient sdk(String apiKey) {
        return sdkBuilder(apiKey).maxRetries(0).build();
    }

    OpenAIOkHttpClient.Builder sdkBuilder(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(apiKey).timeout(Duration.ofSeconds(10));
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
        fake.byDefault(Reply.stream("Hello", " from", " the", " fake."));
        FacadeRequests.clear();
    }

    @AfterAll
    void stop() throws Exception {
        assertThat(logs.all()).as("log lines").doesNotContain(PROVIDER_KEY).doesNotContain(CLIENT_KEY)
                .doesNotContain(ANY_KEY);
        logs.close();
        server.close();
        fake.close();
    }

    /** Usage lines are written once the answer is out, so a test waits a moment for them. */
    void awaitLog(String text) {
        Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(logs.all()).contains(text));
    }

    /** The function tool the tool-call tests offer: {@code get_weather(city)}. */
    static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder().name("get_weather").description("The weather in a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build();
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
