package dev.chatroute.sample.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * {@code java -jar sample-webapp.war}: unpacks the embedded Jetty kept in {@code WEB-INF/jetty}
 * (outside {@code WEB-INF/lib}, so servlet containers never see it) and starts {@link JettyLauncher}
 * on this very WAR. This class uses only the JDK: it runs before Jetty is on any class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jettyDir = Files.createTempDirectory("chatroute-jetty");
        List<URL> classPath = new ArrayList<>();
        try (JarFile jar = new JarFile(war.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("WEB-INF/jetty/") && entry.getName().endsWith(".jar")) {
                    classPath.add(extract(jar, entry, jettyDir).toUri().toURL());
                }
            }
        }
        classPath.add(war.toUri().toURL()); // for JettyLauncher itself, at the WAR's root
        if (System.getProperty("logback.configurationFile") == null) {
            // Jetty's log and the webapp's share this console configuration.
            URL logback = Main.class.getResource("logback.xml");
            if (logback != null) {
                System.setProperty("logback.configurationFile", logback.toString());
            }
        }
        ClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method run = loader.loadClass(Main.class.getPackageName() + ".JettyLauncher").getMethod("run", Path.class);
        run.invoke(null, war);
    }

    private static Path extract(JarFile jar, JarEntry entry, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(entry.getName()).getFileName().toString());
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
        return target;
    }
}
