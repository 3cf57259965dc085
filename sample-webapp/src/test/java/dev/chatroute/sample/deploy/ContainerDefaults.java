package dev.chatroute.sample.deploy;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Makes Arquillian's embedded Jetty load a WAR as a standalone Jetty does: WEB-INF/lib first. The
 * adapter's default is parent first, and its {@code classloaderBehavior} cannot be set from
 * arquillian.xml. Registered only where the Jetty adapter is on the class path.
 */
public final class ContainerDefaults implements LoadableExtension {

    private static final String JETTY_PROCESSOR =
            "org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor";

    @Override
    public void register(ExtensionBuilder builder) {
        try {
            Class.forName(JETTY_PROCESSOR, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return; // the Tomcat run: Tomcat loads WEB-INF/lib first by default
        }
        JettyWebappFirst.register(builder);
    }
}
