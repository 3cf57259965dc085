package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.SseStream;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three WARs on a full Jakarta EE server, deployed one after the other into one running server: the
 * web.xml recipe with the Chatroute jars alone (the server's JAX-RS serves the route), a CDI
 * application configured by its beans, the server's MicroProfile Config and a context-param, and the executable sample
 * WAR as it is. Each answers, streams, refuses and fails as the contract says on both routes, retries
 * and opens a circuit with the SmallRye Fault Tolerance it carries, next to the server's own, and once
 * undeployed leaves no thread in the server's JVM. A server's test says how it deploys.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FullEeServerContract {

    static final FakeProvider FAKE = EeServerSetup.FAKE;
    static final String SYSTEM_PROMPT = "Answer as the CDI app on a full EE server.";
    static final String QUESTION = "Who are you?";

    private static final EeWar WEB_XML = new EeWar("webxml", "On the server.", "broken");
    private static final EeWar CDI = new EeWar("cdi", "echo of [system] " + SYSTEM_PROMPT + " [user] " + QUESTION,
            "broken", "X-User", "alice");
    private static final EeWar SAMPLE = new EeWar("sample", "demo provider", "ops-broken");
    /** The CDI application's web.xml: no filter, listener or servlet, one setting as a context-param. */
    private static final String CONTEXT_PARAM_ONLY_WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>chatroute.models.from-web-xml</param-name>
                <param-value>echo/echo-1</param-value>
              </context-param>
            </web-app>
            """;
    private static final Map<String, URL> DEPLOYED = new HashMap<>();
    private static final Map<String, List<ServerThreads.Probed>> BEFORE = new HashMap<>();

    /** A WAR under test: its name (and context path), what it answers {@link #QUESTION}, its failing alias. */
    record EeWar(String name, String answer, String brokenModel, String... headers) {
    }

    /** The probe WAR's address, deployed before any test runs. */
    abstract URL probe();

    /** Deploys the WAR {@link #war(String) named so} and gives its address. */
    abstract URL deploy(String name) throws Exception;

    abstract void undeploy(String name) throws Exception;

    /** The address of a WAR deployed beside the probe, at its name's context path. */
    URL besideTheProbe(String name) throws Exception {
        return URI.create(probe().toString().replaceFirst("/probe/?$", "/" + name + "/")).toURL();
    }

    static WebArchive war(String name) {
        return switch (name) {
            case "webxml" -> TestWars.withClassesOf(TestWars.chatrouteOnly("webxml", "application-web.xml",
                    Map.of("BASE_URL", FAKE.baseUrl().toString(), "MODEL", "ee-model")), "dev.chatroute.sample.deploy.jaxrsapp");
            case "cdi" -> TestWars.withClassesOf(TestWars.chatrouteOnly("cdi", null, Map.of()), "dev.chatroute.sample.deploy.cdiapp")
                    .addAsResource(new StringAsset("chatroute.system-prompt=" + SYSTEM_PROMPT + "\n"),
                            "META-INF/microprofile-config.properties")
                    .setWebXML(new StringAsset(CONTEXT_PARAM_ONLY_WEB_XML));
            case "sample" -> ShrinkWrap.create(WebArchive.class, "sample.war").merge(TestWars.sample());
            case "probe" -> TestWars.withClassesOf(ShrinkWrap.create(WebArchive.class, "probe.war"),
                    "dev.chatroute.sample.deploy.probe");
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    @Order(1)
    void aWebXmlWarWithOnlyChatroutesJarsAnswersStreamsAndRefusesOnBothRoutes() throws Exception {
        answersStreamsAndRefuses(WEB_XML);
        assertThat(FAKE.calls()).as("calls for the model web.xml names")
                .anyMatch(call -> call.json().path("model").asText().equals("ee-model"));
    }

    @Test
    @Order(2)
    void aWebXmlWarRetriesAndOpensACircuit() throws Exception {
        retriesAndOpensACircuit(WEB_XML);
    }

    @Test
    @Order(3)
    void aWebXmlWarLeavesNoThreadOnceUndeployed() throws Exception {
        leavesNoThreadOnceUndeployed(WEB_XML);
    }

    @Test
    @Order(4)
    void aCdiWarConfiguredByItsBeansAndTheServersMicroProfileConfigAnswersStreamsAndRefuses() throws Exception {
        answersStreamsAndRefuses(CDI);
        HttpResponse<String> nobody = Calls.postJson(Calls.at(deployed(CDI), "api/chat"), "{\"userMessage\":\"Hi\"}");
        assertThat(nobody.statusCode()).as("the identity resolver bean: " + nobody.body()).isEqualTo(401);
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> aliased = Calls.postJson(Calls.at(deployed(CDI), route),
                    "{\"userMessage\":\"Hi\",\"model\":\"from-web-xml\"}", CDI.headers());
            assertThat(aliased.statusCode()).as(route + ": the alias a context-param names: " + aliased.body()).isEqualTo(200);
        }
        HttpResponse<String> summary = Calls.postJson(Calls.at(deployed(CDI), "api/summary"), "\"a report\"");
        assertThat(summary.body()).as("@Inject Chatroute").contains("[user] Summarize: \"a report\"");
    }

    @Test
    @Order(5)
    void aCdiWarRetriesAndOpensACircuit() throws Exception {
        retriesAndOpensACircuit(CDI);
    }

    @Test
    @Order(6)
    void aCdiWarLeavesNoThreadOnceUndeployed() throws Exception {
        leavesNoThreadOnceUndeployed(CDI);
    }

    @Test
    @Order(7)
    void theSampleWarAsItIsAnswersStreamsAndRefuses() throws Exception {
        answersStreamsAndRefuses(SAMPLE);
    }

    @Test
    @Order(8)
    void theSampleWarRetriesAndOpensACircuit() throws Exception {
        retriesAndOpensACircuit(SAMPLE);
    }

    @Test
    @Order(9)
    void theSampleWarLeavesNoThreadOnceUndeployed() throws Exception {
        leavesNoThreadOnceUndeployed(SAMPLE);
    }

    private URL deployed(EeWar war) throws Exception {
        URL app = DEPLOYED.get(war.name());
        if (app == null) {
            BEFORE.put(war.name(), ServerThreads.list(probe()));
            app = deploy(war.name());
            DEPLOYED.put(war.name(), app);
        }
        return app;
    }

    private void answersStreamsAndRefuses(EeWar war) throws Exception {
        URL app = deployed(war);
        FAKE.reset();
        FAKE.byDefault(Reply.stream("On", " the", " server."));
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"" + QUESTION + "\"}", war.headers());
            assertThat(answer.statusCode()).as(route + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(route).contains(war.answer()).contains("\"finishReason\":\"stop\"");

            List<SseStream.Event> events = Calls.stream(Calls.at(app, route),
                    "{\"userMessage\":\"" + QUESTION + "\",\"stream\":true}", war.headers());
            assertThat(Calls.names(events)).as(route).containsExactly("meta", "delta", "usage", "done");
            assertThat(Calls.text(events)).as(route).contains(war.answer());

            HttpResponse<String> typo = Calls.postJson(Calls.at(app, route), "{\"userMesage\":\"typo\"}", war.headers());
            assertThat(typo.statusCode()).as(route + ": " + typo.body()).isEqualTo(400);
            assertThat(typo.body()).as(route).contains("\"code\":\"unknown_field\"");
        }
        FAKE.byDefault(Reply.error(503, "server_error", "overloaded"));
        for (String route : WebXmlWarIT.ROUTES) {
            HttpResponse<String> outage = Calls.postJson(Calls.at(app, route),
                    "{\"userMessage\":\"Hi\",\"model\":\"" + war.brokenModel() + "\"}", war.headers());
            assertThat(outage.statusCode()).as(route + ": " + outage.body()).isEqualTo(503);
            assertThat(outage.body()).as(route).contains("\"type\":\"upstream_unavailable\"")
                    .doesNotContain("overloaded").doesNotContain("out of order");
        }
    }

    /** On the aliases the server's JVM settings add ({@link EeServerSetup}): three tries a call, three failures open. */
    private void retriesAndOpensACircuit(EeWar war) throws Exception {
        URL app = deployed(war);
        for (String route : WebXmlWarIT.ROUTES) {
            FAKE.reset();
            FAKE.enqueue(Reply.error(503, "server_error", "busy"), Reply.error(503, "server_error", "busy"));
            FAKE.byDefault(Reply.stream("Third", " time."));
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, route), "{\"userMessage\":\"Hi\",\"model\":\"ops-retry\"}",
                    war.headers());
            assertThat(answer.body()).as(route + ": retried").contains("Third time.");
            assertThat(FAKE.callCount()).as(route + ": tries").isEqualTo(3);
        }
        FAKE.reset();
        FAKE.byDefault(Reply.error(503, "server_error", "busy"));
        String ask = "{\"userMessage\":\"Hi\",\"model\":\"ops-circuit\"}";
        assertThat(Calls.postJson(Calls.at(app, WebXmlWarIT.ROUTES.get(0)), ask, war.headers()).statusCode()).isEqualTo(503);
        assertThat(FAKE.callCount()).as("tries up to the threshold").isEqualTo(3);
        HttpResponse<String> open = Calls.postJson(Calls.at(app, WebXmlWarIT.ROUTES.get(1)), ask, war.headers());
        assertThat(open.statusCode()).as(open.body()).isEqualTo(503);
        assertThat(open.headers().firstValue("Retry-After")).as("an open circuit says when to come back").isPresent();
        assertThat(FAKE.callCount()).as("no call while the circuit is open").isEqualTo(3);
    }

    private void leavesNoThreadOnceUndeployed(EeWar war) throws Exception {
        deployed(war);
        List<ServerThreads.Probed> before = BEFORE.get(war.name());
        Set<String> loaders = ServerThreads.applicationLoaders(probe(), before);
        assertThat(loaders).as("the application's class loader, seen on Chatroute's threads").hasSize(1);
        assertThat(ServerThreads.gateways(probe(), before)).as("gateways running for the application").isEqualTo(1);
        undeploy(war.name());
        DEPLOYED.remove(war.name());
        ServerThreads.assertAllEnded(probe(), before, loaders);
    }
}
