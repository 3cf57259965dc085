package dev.chatroute.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample's own responses carry nosniff and a CSP that allows framing only by itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {

    final SampleServer server = SampleServer.start(Map.of());
    final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    HttpResponse<String> get(String path, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /", "GET /chat.js", "GET /no-such-file", "POST /api/chat", "POST /servlet/api/chat"})
    void everyResponseCarriesTheSecurityHeaders(String call) throws Exception {
        String[] parts = call.split(" ");
        HttpResponse<String> response = get(parts[1], parts[0]);

        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("frame-ancestors 'self'").contains("default-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/chat.js"})
    void theSampleStillServesItsPage(String path) throws Exception {
        assertThat(get(path, "GET").statusCode()).isEqualTo(200);
    }
}
