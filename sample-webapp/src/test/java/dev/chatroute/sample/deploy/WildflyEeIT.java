package dev.chatroute.sample.deploy;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full-EE WARs on WildFly (RESTEasy, Weld, SmallRye Config and Fault Tolerance of the server),
 * started once by Arquillian with {@code standalone-microprofile.xml}; Arquillian deploys and
 * undeploys each WAR in turn beside the probe.
 */
@ExtendWith({EeServerSetup.class, ArquillianExtension.class})
class WildflyEeIT extends FullEeServerContract {

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("probe")
    private URL probe;

    @Deployment(name = "probe", testable = false)
    static WebArchive probeWar() {
        return war("probe");
    }

    @Deployment(name = "webxml", managed = false, testable = false)
    static WebArchive webXmlWar() {
        return war("webxml");
    }

    @Deployment(name = "cdi", managed = false, testable = false)
    static WebArchive cdiWar() {
        return war("cdi");
    }

    @Deployment(name = "sample", managed = false, testable = false)
    static WebArchive sampleWar() {
        return war("sample");
    }

    @Override
    URL probe() {
        return probe;
    }

    @Override
    URL deploy(String name) throws Exception {
        deployer.deploy(name);
        return besideTheProbe(name);
    }

    @Override
    void undeploy(String name) {
        deployer.undeploy(name);
    }
}
