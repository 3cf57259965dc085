package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web fragment in the servlet-filter jar: adding the jars to a WAR opens no route and starts no
 * thread; the context-param {@code chatroute.enabled=true} alone maps the route, behind the
 * application's own filters.
 */
@ExtendWith(ArquillianExtension.class)
class WebFragmentIT {

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "jars-only", managed = false, testable = false)
    static WebArchive jarsOnly() {
        return TestWars.withJersey("jars-only", "jars-only-web.xml", Map.of());
    }

    @Deployment(name = "enabled", testable = false)
    static WebArchive enabled() {
        return TestWars.withClass(TestWars.withJersey("enabled", "enabled-web.xml", Map.of()),
                "dev.chatroute.sample.FakeSsoFilter");
    }

    @Test
    void addingTheJarsAloneOpensNoRouteAndStartsNoThread() throws Exception {
        Set<Thread> before = ChatrouteThreads.snapshot();
        deployer.deploy("jars-only");
        try {
            URL app = new URL(enabledUrl, "/jars-only/");
            HttpResponse<String> answer = Calls.postJson(Calls.at(app, "api/chat"), "{\"userMessage\":\"Hi\"}");
            assertThat(answer.statusCode()).as("the container's own answer (Jetty: 405 for a POST to no servlet)")
                    .isIn(404, 405);
            assertThat(answer.headers().firstValue("X-Request-Id")).as("a Chatroute answer's header").isEmpty();
            assertThat(ChatrouteThreads.startedSince(before)).isEmpty();
        } finally {
            deployer.undeploy("jars-only");
        }
    }

    @ArquillianResource
    @OperateOnDeployment("enabled")
    private URL enabledUrl;

    @Test
    void oneContextParamMapsTheRouteBehindTheApplicationsOwnFilters() throws Exception {
        HttpResponse<String> anonymous = Calls.postJson(Calls.at(enabledUrl, "api/chat"), "{\"userMessage\":\"Hi\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn = Calls.postJson(Calls.at(enabledUrl, "api/chat"), "{\"userMessage\":\"Hi\"}",
                "X-Test-User", "alice");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).contains("\"model\":\"default\"");
    }
}
