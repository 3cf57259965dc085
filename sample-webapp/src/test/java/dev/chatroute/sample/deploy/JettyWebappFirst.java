package dev.chatroute.sample.deploy;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/** Gives each deployed WAR Jetty's own default: classes from WEB-INF first, jakarta.* from the server. */
public final class JettyWebappFirst implements WebAppContextProcessor {

    static void register(LoadableExtension.ExtensionBuilder builder) {
        builder.service(WebAppContextProcessor.class, JettyWebappFirst.class);
    }

    @Override
    public void process(WebAppContext webapp, Archive<?> archive) {
        webapp.setParentLoaderPriority(false);
    }
}
