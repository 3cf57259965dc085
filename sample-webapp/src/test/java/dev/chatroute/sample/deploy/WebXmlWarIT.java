package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.SseStream;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WAR made of the library jars and the README's web.xml (the filter, the listener, and Jersey
 * given {@code ChatrouteFeature} as an init-param), deployed to embedded Jetty 12 ee10 by
 * Arquillian. Both routes answer, stream and fail as the contract says, over one shared gateway.
 */
@ExtendWith(ArquillianExtension.class)
class WebXmlWarIT {

    static final List<String> ROUTES = List.of("api/chat", "servlet/api/chat");
    private static final FakeProvider FAKE = FakeProvider.start();
    private static final Set<Thread> BEFORE = ChatrouteThreads.snapshot();

    @ArquillianResource
    private URL app;

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWars.withJersey("webxml", "jersey-web.xml",
                Map.of("BASE_URL", FAKE.baseUrl().toString(), "MODEL", "acme-large"));
    }

    @AfterAll
    static void stopTheFake() {
        FAKE.close();
    }

    @Test
    void bothRoutesAnswerWithJsonFromTheProviderConfiguredInWebXml() throws Exception {
        FAKE.byDefault(Reply.stream("Configured", " in", " web.xml."));
        for (String route : ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"Hi\"}");
            assertThat(answer.statusCode()).as(route).isEqualTo(200);
            assertThat(answer.body()).as(route).contains("\"text\":\"Configured in web.xml.\"").contains("\"finishReason\":\"stop\"");
            assertThat(answer.headers().firstValue("X-Request-Id")).as(route).isPresent();
            assertThat(FAKE.lastCall().header("Authorization")).isEqualTo("Bearer sk-web-xml");
            assertThat(FAKE.lastCall().json().path("model").asText()).isEqualTo("acme-large");
        }
    }

    @Test
    void bothRoutesStreamEveryEventInOrder() throws Exception {
        FAKE.byDefault(Reply.stream("One", " two", " three."));
        for (String route : ROUTES) {
            List<SseStream.Event> events = Calls.stream(Calls.at(app, route), "{\"userMessage\":\"Count\",\"stream\":true}");
            assertThat(Calls.names(events)).as(route).containsExactly("meta", "delta", "usage", "done");
            assertThat(Calls.text(events)).as(route).isEqualTo("One two three.");
        }
    }

    @Test
    void bothRoutesAnswerAProviderOutageWithTheContractError() throws Exception {
        FAKE.byDefault(Reply.error(503, "server_error", "overloaded"));
        for (String route : ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"Hi\",\"model\":\"broken\"}");
            assertThat(answer.statusCode()).as(route).isEqualTo(503);
            assertThat(answer.body()).as(route).contains("\"type\":\"upstream_unavailable\"").doesNotContain("overloaded");
        }
    }

    @Test
    void bothRoutesRefuseABadRequestAlike() throws Exception {
        for (String route : ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMesage\":\"typo\"}");
            assertThat(answer.statusCode()).as(route).isEqualTo(400);
            assertThat(answer.body()).as(route).contains("\"code\":\"unknown_field\"");
        }
    }

    @Test
    void bothRoutesShareTheOneGatewayTheListenerMade() throws Exception {
        FAKE.byDefault(Reply.stream("Shared."));
        for (String route : ROUTES) {
            Calls.stream(Calls.at(app, route), "{\"userMessage\":\"Hi\",\"stream\":true}");
        }
        assertThat(ChatrouteThreads.gatewaysSince(BEFORE)).as("gateways running for this WAR").hasSize(1);
    }
}
