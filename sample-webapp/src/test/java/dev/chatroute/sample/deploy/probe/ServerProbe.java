package dev.chatroute.sample.deploy.probe;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/**
 * Deployed beside the WARs under test in a full EE server, to look inside the server's JVM:
 * {@code GET /threads} lists every live thread (after a garbage collection, so that an HTTP client
 * nobody references lets its selector thread go) as {@code id, name, context class loader}, one a
 * line. On Payara Micro, whose Arquillian adapter starts a new JVM for each deployment, it also
 * deploys and undeploys the other WARs in this JVM through Payara Micro's own runtime API.
 */
@WebServlet(urlPatterns = {"/threads", "/payara/deploy", "/payara/undeploy"})
public class ServerProbe extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        System.gc();
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                out.println(t.getId() + "\t" + t.getName().replaceAll("[\t\r\n]", " ") + "\t" + loader(t.getContextClassLoader()));
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        try {
            Object runtime = Class.forName("fish.payara.micro.PayaraMicro").getMethod("getInstance").invoke(null);
            runtime = runtime.getClass().getMethod("getRuntime").invoke(runtime);
            Class<?> api = Class.forName("fish.payara.micro.PayaraMicroRuntime");
            if (request.getServletPath().endsWith("/deploy")) {
                Method deploy = api.getMethod("deploy", String.class, String.class, File.class);
                Object done = deploy.invoke(runtime, name, name, new File(request.getParameter("file")));
                response.setStatus(Boolean.TRUE.equals(done) ? 200 : 500);
            } else {
                api.getMethod("undeploy", String.class).invoke(runtime, name);
                response.setStatus(200);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            response.setStatus(500);
            response.getWriter().println(e);
        }
    }

    private static String loader(ClassLoader loader) {
        return loader == null ? "-" : loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }
}
