package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The executable sample WAR, the very file {@code java -jar} runs, deployed unchanged into embedded
 * Tomcat 10.1: its embedded Jetty sits outside WEB-INF/lib, so Tomcat never sees it.
 */
@ExtendWith({TomcatPort.class, ArquillianExtension.class})
class SampleWarTomcatIT {

    @ArquillianResource
    private URL app;

    @Deployment(testable = false)
    static WebArchive sampleWar() {
        return TestWars.sample();
    }

    @Test
    void bothRoutesStreamTheDemoAnswer() throws Exception {
        for (String route : WebXmlWarIT.ROUTES) {
            String text = Calls.text(Calls.stream(Calls.at(app, route), "{\"userMessage\":\"Who are you?\",\"stream\":true}"));
            assertThat(text).as(route).contains("demo");
        }
    }

    @Test
    void theEmbeddedH2LedgerRecordsCalls() throws Exception {
        Calls.stream(Calls.at(app, WebXmlWarIT.ROUTES.get(0)), "{\"userMessage\":\"Hi\",\"stream\":true}");
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Calls.get(Calls.at(app, "admin/usage.json?days=1")).body(), body -> body.contains("\"costUsd\"")
                        && !body.contains("\"calls\":0,"));
    }

    @Test
    void theChatPageIsServed() throws Exception {
        assertThat(Calls.get(Calls.at(app, "")).body()).contains("<html");
    }
}
