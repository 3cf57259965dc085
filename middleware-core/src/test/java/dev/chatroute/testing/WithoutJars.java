package dev.chatroute.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a probe on the test's class path minus some jars, to show how Chatroute behaves in an
 * application without an optional dependency (Lettuce, Micrometer, libphonenumber...). The probe
 * is a {@code Callable<String>} class with a public no-argument constructor, loaded afresh there.
 */
public final class WithoutJars {

    private WithoutJars() {
    }

    /**
     * @param jarNameParts a class path entry containing any of these is left out
     * @param absentResource a class file of the left-out jars, checked to be really gone
     */
    public static String run(Class<? extends Callable<String>> probe, String absentResource, String... jarNameParts)
            throws Exception {
        List<String> parts = List.of(jarNameParts);
        URL[] path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> parts.stream().noneMatch(entry::contains))
                .map(WithoutJars::url).toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            if (isolated.getResource(absentResource) != null) {
                throw new AssertionError(absentResource + " is still on the class path without " + parts);
            }
            @SuppressWarnings("unchecked")
            Callable<String> loaded = (Callable<String>) isolated.loadClass(probe.getName())
                    .getDeclaredConstructor().newInstance();
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(isolated); // SmallRye finds its implementation through it
            try {
                return loaded.call();
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
