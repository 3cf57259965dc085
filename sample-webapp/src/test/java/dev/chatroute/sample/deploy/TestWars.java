package dev.chatroute.sample.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;
import org.jboss.shrinkwrap.resolver.api.maven.MavenResolvedArtifact;

/**
 * Builds the WARs the container tests deploy, as a user builds theirs: the library jars with their
 * dependencies in {@code WEB-INF/lib} (taken from the packaged sample, which holds exactly those
 * plus Jersey), a web.xml, and for some a JAX-RS or CDI stack of their own.
 */
final class TestWars {

    private static final Path SAMPLE_LIB = Path.of("target/sample-webapp/WEB-INF/lib");
    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    private static final Path WARS = Path.of("src/test/resources/wars");
    private static final List<String> JERSEY = List.of("jersey-", "hk2-", "osgi-resource-locator", "aopalliance-");
    /** The library jars and their required dependencies: what a WAR on a full EE server needs of Chatroute. */
    private static final List<String> CHATROUTE = List.of("middleware-core-", "servlet-filter-", "jaxrs-resource-",
            "bucket4j_jdk17-core-", "jackson-", "caffeine-", "error_prone_annotations-", "jtokkit-", "smallrye-",
            "microprofile-fault-tolerance-api-", "jboss-logging-", "jspecify-", "slf4j-api-");
    private static final Path SAMPLE_WAR = Path.of("target/sample-webapp.war");

    private TestWars() {
    }

    /** A WAR with the Chatroute jars and Jersey, and this web.xml from {@code src/test/resources/wars}. */
    static WebArchive withJersey(String name, String webXml, Map<String, String> replacements) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(sampleLibraries(jar -> true).toArray(File[]::new))
                .setWebXML(new StringAsset(webXml(webXml, replacements)));
    }

    /** A WAR with the Chatroute jars on RESTEasy instead of Jersey. */
    static WebArchive withResteasy(String name, String webXml, Map<String, String> replacements) {
        List<File> libraries = sampleLibraries(jar -> JERSEY.stream().noneMatch(jar::startsWith));
        libraries.addAll(resolved(libraries, "org.jboss.resteasy:resteasy-servlet-initializer:" + version("resteasy"),
                "org.jboss.resteasy:resteasy-core:" + version("resteasy")));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(libraries.toArray(File[]::new))
                .setWebXML(new StringAsset(webXml(webXml, replacements)));
    }

    /** A WAR with the Chatroute jars, Jersey, Weld servlet and SmallRye Config (MicroProfile Config). */
    static WebArchive withCdi(String name) {
        List<File> libraries = sampleLibraries(jar -> true);
        libraries.addAll(resolved(libraries, "org.jboss.weld.servlet:weld-servlet-core:" + version("weld"),
                "org.glassfish.jersey.ext.cdi:jersey-cdi1x-servlet:" + version("jersey"),
                "io.smallrye.config:smallrye-config:" + version("smallrye-config")));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(libraries.toArray(File[]::new))
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    /**
     * A WAR with the Chatroute jars alone, for a full EE server that brings JAX-RS, CDI and MicroProfile
     * itself, and this web.xml (none when null: a CDI application, with a {@code beans.xml}).
     */
    static WebArchive chatrouteOnly(String name, String webXml, Map<String, String> replacements) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addAsLibraries(
                sampleLibraries(jar -> CHATROUTE.stream().anyMatch(jar::startsWith)).toArray(File[]::new));
        return webXml != null ? war.setWebXML(new StringAsset(webXml(webXml, replacements)))
                : war.addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    /** The executable sample WAR, the very file {@code java -jar} runs. */
    static WebArchive sample() {
        if (!Files.isRegularFile(SAMPLE_WAR)) {
            throw new IllegalStateException(SAMPLE_WAR + " is missing: run `mvn verify`, which packages it first");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, SAMPLE_WAR.toFile());
    }

    /** Adds the compiled test classes of one package (the test app) to {@code WEB-INF/classes}. */
    static WebArchive withClassesOf(WebArchive war, String packageName) {
        Path dir = TEST_CLASSES.resolve(packageName.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> war.add(new FileAsset(f.toFile()),
                    "WEB-INF/classes/" + TEST_CLASSES.relativize(f).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return war;
    }

    /** Adds one compiled test class, with its nested and anonymous classes, to {@code WEB-INF/classes}. */
    static WebArchive withClass(WebArchive war, String className) {
        Path file = TEST_CLASSES.resolve(className.replace('.', '/') + ".class");
        String simple = file.getFileName().toString().replace(".class", "");
        try (Stream<Path> files = Files.list(file.getParent())) {
            files.filter(f -> f.getFileName().toString().equals(simple + ".class")
                            || f.getFileName().toString().startsWith(simple + "$"))
                    .forEach(f -> war.add(new FileAsset(f.toFile()),
                            "WEB-INF/classes/" + TEST_CLASSES.relativize(f).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + file.getParent(), e);
        }
        return war;
    }

    static String webXml(String name, Map<String, String> replacements) {
        try {
            String xml = Files.readString(WARS.resolve(name));
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                xml = xml.replace("@" + r.getKey() + "@", r.getValue());
            }
            return xml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<File> sampleLibraries(Predicate<String> keep) {
        if (!Files.isDirectory(SAMPLE_LIB)) {
            throw new IllegalStateException(SAMPLE_LIB + " is missing: run `mvn verify`, which packages the sample first");
        }
        try (Stream<Path> jars = Files.list(SAMPLE_LIB)) {
            return new ArrayList<>(jars.filter(j -> keep.test(j.getFileName().toString())).map(Path::toFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A version the build passes down (see the failsafe configuration in this module's pom). */
    private static String version(String name) {
        String version = System.getProperty(name + ".version");
        if (version == null) {
            throw new IllegalStateException("system property " + name + ".version is not set: run the *IT classes with `mvn verify`");
        }
        return version;
    }

    /**
     * These artifacts with their dependencies, from the local repository (the build's
     * {@code dependency:get} executions put them there), leaving out any artifact the WAR already has.
     */
    private static List<File> resolved(List<File> present, String... coordinates) {
        MavenResolvedArtifact[] artifacts = Maven.configureResolver().workOffline()
                .resolve(coordinates).withTransitivity().asResolvedArtifact();
        Map<String, File> added = new LinkedHashMap<>();
        for (MavenResolvedArtifact a : artifacts) {
            String id = a.getCoordinate().getArtifactId();
            boolean there = present.stream().anyMatch(f -> f.getName().matches(java.util.regex.Pattern.quote(id) + "-\\d.*\\.jar"));
            if (!there && !id.startsWith("jakarta.servlet")) {
                added.putIfAbsent(id, a.asFile());
            }
        }
        return new ArrayList<>(added.values());
    }
}
