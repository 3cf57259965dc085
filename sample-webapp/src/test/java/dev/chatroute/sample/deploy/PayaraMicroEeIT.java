package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full-EE WARs on Payara Micro 6 (Jersey, Weld, Payara's MicroProfile Config and Fault
 * Tolerance). Its Arquillian adapter starts a new Payara Micro for each deployment and stops it at
 * undeploy, so Arquillian deploys only the probe; the probe deploys and undeploys the WARs under
 * test in that same JVM through Payara Micro's runtime API, where their threads can be seen.
 */
@ExtendWith({EeServerSetup.class, ArquillianExtension.class})
class PayaraMicroEeIT extends FullEeServerContract {

    private static final File WARS = new File("target/payara-wars");

    @ArquillianResource
    private URL probe;

    @Deployment(testable = false)
    static WebArchive probeWar() {
        return war("probe");
    }

    @Override
    URL probe() {
        return probe;
    }

    @Override
    URL deploy(String name) throws Exception {
        WARS.mkdirs();
        File file = new File(WARS, name + ".war").getAbsoluteFile();
        war(name).as(ZipExporter.class).exportTo(file, true);
        assertThat(post("payara/deploy?name=" + name + "&file=" + URLEncoder.encode(file.getPath(), StandardCharsets.UTF_8)))
                .as("deploying " + name).isEqualTo(200);
        return besideTheProbe(name);
    }

    @Override
    void undeploy(String name) throws Exception {
        assertThat(post("payara/undeploy?name=" + name)).as("undeploying " + name).isEqualTo(200);
    }

    private int post(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(Calls.at(probe, path)).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = Calls.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? 200 : fail(response);
    }

    private static int fail(HttpResponse<String> response) {
        throw new AssertionError(response.statusCode() + ": " + response.body());
    }
}
