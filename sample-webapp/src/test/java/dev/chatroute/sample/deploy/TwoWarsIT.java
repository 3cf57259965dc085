package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.URL;
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
 * Two WARs with Chatroute in one Jetty, deployed and undeployed by the test in order: each keeps its own
 * configuration and gateway, and undeploying one stops its threads (timer, HTTP client executor and
 * the HTTP client's selector) while the other keeps serving.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoWarsIT {

    private static final FakeProvider FAKE = FakeProvider.start();

    private static Set<Thread> beforeAll;
    private static Set<String> secondGateway;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "first", managed = false, testable = false)
    static WebArchive first() {
        return TestWars.withJersey("first", "jersey-web.xml",
                Map.of("BASE_URL", FAKE.baseUrl().toString(), "MODEL", "first-model"));
    }

    @Deployment(name = "second", managed = false, testable = false)
    static WebArchive second() {
        return TestWars.withJersey("second", "jersey-web.xml",
                Map.of("BASE_URL", FAKE.baseUrl().toString(), "MODEL", "second-model"));
    }

    @AfterAll
    static void stopTheFake() {
        FAKE.close();
    }

    @Test
    @Order(1)
    void twoApplicationsStartTheirOwnGateway() {
        FAKE.byDefault(Reply.stream("Hello."));
        beforeAll = ChatrouteThreads.snapshot();
        deployer.deploy("first");
        deployer.deploy("second");
    }

    @Test
    @Order(2)
    void eachAnswersFromItsOwnConfigurationOnItsOwnGateway(@ArquillianResource @OperateOnDeployment("first") URL first,
            @ArquillianResource @OperateOnDeployment("second") URL second) throws Exception {
        callBothRoutes(first, "first-model");
        Set<String> firstGateway = ChatrouteThreads.gatewaysSince(beforeAll);
        callBothRoutes(second, "second-model");
        secondGateway = new java.util.HashSet<>(ChatrouteThreads.gatewaysSince(beforeAll));
        secondGateway.removeAll(firstGateway);
        assertThat(firstGateway).as("the first WAR's gateways").hasSize(1);
        assertThat(secondGateway).as("the second WAR's gateways, in another application").hasSize(1)
                .allMatch(g -> !g.split("/")[0].equals(firstGateway.iterator().next().split("/")[0]));
    }

    @Test
    @Order(3)
    void undeployingOneStopsItsThreadsAndTheOtherKeepsServing(@ArquillianResource @OperateOnDeployment("second") URL second)
            throws Exception {
        deployer.undeploy("first");
        awaitOnlyGatewayLeft(beforeAll, secondGateway);
        callBothRoutes(second, "second-model");
    }

    @Test
    @Order(4)
    void undeployingTheOtherLeavesNoChatrouteThread() throws Exception {
        deployer.undeploy("second");
        ChatrouteThreads.assertAllEndedSince(beforeAll);
    }

    private static void callBothRoutes(URL app, String model) throws Exception {
        for (String route : WebXmlWarIT.ROUTES) {
            assertThat(Calls.text(Calls.stream(Calls.at(app, route), "{\"userMessage\":\"Hi\",\"stream\":true}")))
                    .as(route).isEqualTo("Hello.");
            assertThat(FAKE.lastCall().json().path("model").asText()).isEqualTo(model);
        }
    }

    /** After the first WAR left: only threads of the second application are still running. */
    private static void awaitOnlyGatewayLeft(Set<Thread> before, Set<String> gateway) throws InterruptedException {
        String second = gateway.iterator().next().split("/")[0];
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (true) {
            System.gc();
            java.util.List<String> others = ChatrouteThreads.threadsSince(before).stream()
                    .filter(t -> !ChatrouteThreads.application(t).equals(second)).map(Thread::getName).sorted().toList();
            if (others.isEmpty() || java.time.Instant.now().isAfter(deadline)) {
                assertThat(others).as("threads of the first WAR still running after its undeploy").isEmpty();
                return;
            }
            Thread.sleep(250);
        }
    }
}
