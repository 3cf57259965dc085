package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.SseStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WAR with no web.xml that configures Chatroute through CDI only (Weld servlet on embedded
 * Jetty): the beans of {@code cdiapp} give the provider, the configuration, the identity resolver
 * and the usage listener, MicroProfile Config (SmallRye) gives the system prompt, and application
 * code calls a model through {@code @Inject Chatroute}, under the same gateway as both routes.
 */
@ExtendWith(ArquillianExtension.class)
class CdiWarIT {

    private static final String SYSTEM_PROMPT = "Answer as the CDI test app.";
    private static final Set<Thread> BEFORE = ChatrouteThreads.snapshot();
    private static final String[] ALICE = {"X-User", "alice"};

    @ArquillianResource
    private URL app;

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWars.withClassesOf(TestWars.withCdi("cdi"), "dev.chatroute.sample.deploy.cdiapp")
                .addAsResource(new StringAsset("chatroute.system-prompt=" + SYSTEM_PROMPT + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Test
    void theJaxrsRouteAnswersFromTheProviderBeanUnderTheMicroProfileSystemPrompt() throws Exception {
        HttpResponse<String> answer = Calls.postJson(Calls.at(app, "api/chat"), "{\"userMessage\":\"Hi\"}", ALICE);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("echo of [system] " + SYSTEM_PROMPT + " [user] Hi");
    }

    @Test
    void theServletRouteStreamsFromTheSameBeans() throws Exception {
        List<SseStream.Event> events = Calls.stream(Calls.at(app, "servlet/api/chat"),
                "{\"userMessage\":\"Stream it\",\"stream\":true}", ALICE);
        assertThat(Calls.names(events)).containsExactly("meta", "delta", "usage", "done");
        assertThat(Calls.text(events)).isEqualTo("echo of [system] " + SYSTEM_PROMPT + " [user] Stream it");
    }

    @Test
    void aFailingProviderBeanGetsTheContractErrorOnBothRoutes() throws Exception {
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route),
                    "{\"userMessage\":\"Hi\",\"model\":\"broken\"}", ALICE);
            assertThat(answer.statusCode()).as(route).isEqualTo(503);
            assertThat(answer.body()).as(route).contains("\"type\":\"upstream_unavailable\"").doesNotContain("out of order");
        }
    }

    @Test
    void theIdentityResolverBeanDecidesWhoMayCall() throws Exception {
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"Hi\"}");
            assertThat(answer.statusCode()).as(route).isEqualTo(401);
            assertThat(answer.body()).as(route).contains("\"type\":\"authentication_error\"");
        }
    }

    @Test
    void applicationCodeCallsAModelThroughTheInjectedGatewayAndTheUsageListenerBeanRecordsIt() throws Exception {
        HttpResponse<String> summary = Calls.postJson(Calls.at(app, "api/summary"), "\"a long report\"");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(summary.body()).contains("[user] Summarize: \"a long report\"");
        Calls.postJson(Calls.at(app, "api/chat"), "{\"userMessage\":\"Hi\"}", ALICE);
        assertThat(Calls.get(Calls.at(app, "api/usage")).body().lines())
                .contains("nightly-job default COMPLETED {feature=summary}", "alice default COMPLETED {}");
    }

    @Test
    void bothRoutesAndTheInjectedGatewayAreOneGateway() throws Exception {
        Calls.stream(Calls.at(app, "api/chat"), "{\"userMessage\":\"Hi\",\"stream\":true}", ALICE);
        Calls.stream(Calls.at(app, "servlet/api/chat"), "{\"userMessage\":\"Hi\",\"stream\":true}", ALICE);
        Calls.postJson(Calls.at(app, "api/summary"), "\"text\"");
        assertThat(ChatrouteThreads.gatewaysSince(BEFORE)).hasSize(1);
    }
}
