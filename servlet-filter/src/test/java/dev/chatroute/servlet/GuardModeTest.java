package dev.chatroute.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter in guard mode in front of an app's own servlet, on real Jetty, configured by
 * init-params alone as web.xml would: identity, cross-site check and request id, no chat.
 */
class GuardModeTest {

    static Server server;
    static URI base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/app");
        FilterHolder guard = new FilterHolder(ChatrouteFilter.class);
        guard.setInitParameter("chatroute.mode", "guard");
        guard.setInitParameter("chatroute.identity", "header");
        guard.setAsyncSupported(true);
        context.addFilter(guard, "/reports/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/plain");
                res.getWriter().write("report for " + req.getHeader("X-Forwarded-User"));
            }
        }), "/reports/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/reports/q3");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void aGuardedPathServesAKnownUserAndTagsTheRequestId() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base).header("X-Forwarded-User", "carol")
                .header("X-Request-Id", "r-1").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("report for carol");
        assertThat(response.headers().firstValue("X-Request-Id")).contains("r-1");
    }

    @Test
    void aGuardedPathRefusesACallWithoutIdentityWithTheContractError() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).contains("\"type\":\"authentication_error\"").doesNotContain("report for");
    }

    @Test
    void aGuardedPathRefusesACrossSitePost() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base).header("X-Forwarded-User", "carol")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("x")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"cross_site_request\"");
    }

    @Test
    void aCrossSiteGetIsLetThroughBecauseItChangesNothing() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base).header("X-Forwarded-User", "carol")
                .header("Origin", "https://evil.example").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
