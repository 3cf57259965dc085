package dev.chatroute.sample.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Picks a free port for embedded Tomcat before Arquillian reads {@code arquillian.xml}
 * ({@code ${tomcat.http.port}}): the Tomcat adapter reports the configured port, not the bound one,
 * so port 0 will not do. Register it before {@code ArquillianExtension}.
 */
final class TomcatPort implements BeforeAllCallback {

    static final String PROPERTY = "tomcat.http.port";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty(PROPERTY) == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                System.setProperty(PROPERTY, String.valueOf(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
