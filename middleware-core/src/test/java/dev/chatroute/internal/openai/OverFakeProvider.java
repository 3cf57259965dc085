package dev.chatroute.internal.openai;

import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.testing.FakeProvider;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Tests that drive {@link OpenAiCall} over real HTTP: a fresh fake provider per test, closed after it. */
abstract class OverFakeProvider {

    final FakeProvider fake = FakeProvider.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    /** A provider named {@code p} with this profile, at the fake's address. */
    OpenAiCompatibleProvider provider(String profile) {
        return new OpenAiCompatibleProvider("p", fake.baseUrl(), "sk-test", http, profile);
    }

    /** Sends the request and returns what the listener was told, once the call ended. */
    static List<String> call(OpenAiCompatibleProvider provider, ProviderRequest request) {
        RecordingListener listener = new RecordingListener();
        provider.call(request, listener);
        return listener.await(ToolCallReplayTest.WAIT);
    }
}
