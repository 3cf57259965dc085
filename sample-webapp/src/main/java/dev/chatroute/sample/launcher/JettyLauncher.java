package dev.chatroute.sample.launcher;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Runs a WAR on embedded Jetty 12 at {@code PORT} (default 8080), until the process is stopped. */
public final class JettyLauncher {

    private JettyLauncher() {
    }

    public static void run(Path war) throws Exception {
        int port = port(System.getenv("PORT"));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        webapp.setThrowUnavailableOnStartupException(true); // a bad setting stops the launch
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Chatroute sample running at http://localhost:" + connector.getLocalPort() + "/");
        server.join();
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return 8080;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, but was '" + value + "'");
        }
    }
}
