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
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web.xml recipe on embedded Tomcat 10.1, with RESTEasy instead of Jersey (the JAX-RS module
 * uses the JAX-RS API only) and the feature registered by an {@code Application} class. Both routes
 * answer, stream and fail as the contract says; after undeploy no Chatroute thread is left.
 */
@ExtendWith({TomcatPort.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebXmlWarTomcatIT {

    private static final FakeProvider FAKE = FakeProvider.start();
    private static final StdoutLines OUT = StdoutLines.install();
    private static Set<Thread> before;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "resteasy", managed = false, testable = false)
    static WebArchive war() {
        return TestWars.withClassesOf(TestWars.withResteasy("resteasy", "application-web.xml",
                Map.of("BASE_URL", FAKE.baseUrl().toString(), "MODEL", "tomcat-model")),
                "dev.chatroute.sample.deploy.jaxrsapp");
    }

    @AfterAll
    static void stopTheFake() {
        OUT.close();
        FAKE.close();
    }

    @Test
    @Order(1)
    void theWarDeploys() {
        before = ChatrouteThreads.snapshot();
        deployer.deploy("resteasy");
    }

    @Test
    @Order(2)
    void bothRoutesAnswerWithJson(@ArquillianResource @OperateOnDeployment("resteasy") URL app) throws Exception {
        FAKE.byDefault(Reply.stream("On", " Tomcat."));
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"Hi\"}");
            assertThat(answer.statusCode()).as(route + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(route).contains("\"text\":\"On Tomcat.\"");
            assertThat(FAKE.lastCall().json().path("model").asText()).isEqualTo("tomcat-model");
        }
    }

    @Test
    @Order(3)
    void bothRoutesStreamEveryEventInOrder(@ArquillianResource @OperateOnDeployment("resteasy") URL app) throws Exception {
        FAKE.byDefault(Reply.stream("One", " two", " three."));
        for (String route : WebXmlWarIT.ROUTES) {
            List<SseStream.Event> events = Calls.stream(Calls.at(app, route), "{\"userMessage\":\"Count\",\"stream\":true}");
            assertThat(Calls.names(events)).as(route).containsExactly("meta", "delta", "usage", "done");
            assertThat(Calls.text(events)).as(route).isEqualTo("One two three.");
        }
        assertThat(ChatrouteThreads.gatewaysSince(before)).as("one gateway for both routes").hasSize(1);
    }

    @Test
    @Order(4)
    void bothRoutesAnswerAProviderOutageWithTheContractError(@ArquillianResource @OperateOnDeployment("resteasy") URL app)
            throws Exception {
        FAKE.byDefault(Reply.error(503, "server_error", "overloaded"));
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"Hi\",\"model\":\"broken\"}");
            assertThat(answer.statusCode()).as(route).isEqualTo(503);
            assertThat(answer.body()).as(route).contains("\"type\":\"upstream_unavailable\"");
        }
    }

    @Test
    @Order(5)
    void aJsonClientThatLeavesBeforeTheFirstTokenIsNoticedWithinASecond(@ArquillianResource @OperateOnDeployment("resteasy") URL app)
            throws Exception {
        for (String route : WebXmlWarIT.ROUTES) {
            LeavingCalls.leaveBeforeTheFirstToken(FAKE, OUT, app, route, LeavingCalls.JSON);
        }
    }

    @Test
    @Order(6)
    void aStreamingClientThatLeavesBeforeTheFirstTokenIsNoticedWithinASecond(@ArquillianResource @OperateOnDeployment("resteasy") URL app)
            throws Exception {
        for (String route : WebXmlWarIT.ROUTES) {
            LeavingCalls.leaveBeforeTheFirstToken(FAKE, OUT, app, route, LeavingCalls.STREAM);
        }
    }

    @Test
    @Order(7)
    void afterUndeployNoChatrouteThreadIsLeft() throws Exception {
        deployer.undeploy("resteasy");
        ChatrouteThreads.assertAllEndedSince(before);
    }
}
