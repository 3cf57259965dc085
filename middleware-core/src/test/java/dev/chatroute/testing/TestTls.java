package dev.chatroute.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made once per JVM with the JDK's {@code keytool}:
 * the server's key store (for {@link FakeProvider#startTls}) and a trust store holding only the
 * certificate, in PKCS12 and JKS, for the client.
 */
public final class TestTls {

    public static final String TRUST_PASSWORD = "trust-pw-SECRET-5";
    private static final String KEY_PASSWORD = "server-pw-SECRET-6";
    private static TestTls instance;

    private final Path dir;

    private TestTls(Path dir) {
        this.dir = dir;
    }

    /** Made on first use, in a temporary directory removed at exit. */
    public static synchronized TestTls get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("chatroute-tls");
                keytool("-genkeypair", "-alias", "fake", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", dir.resolve("server.p12").toString(),
                        "-storepass", KEY_PASSWORD);
                keytool("-exportcert", "-rfc", "-alias", "fake", "-keystore", dir.resolve("server.p12").toString(),
                        "-storepass", KEY_PASSWORD, "-file", dir.resolve("fake.pem").toString());
                for (String type : List.of("PKCS12", "JKS")) {
                    keytool("-importcert", "-noprompt", "-alias", "fake", "-file", dir.resolve("fake.pem").toString(),
                            "-storetype", type, "-keystore", dir.resolve("trust." + type.toLowerCase()).toString(),
                            "-storepass", TRUST_PASSWORD);
                }
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().deleteOnExit());
                }
                dir.toFile().deleteOnExit();
                instance = new TestTls(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the test certificate", e);
            }
        }
        return instance;
    }

    /** The TLS the fake serves with. */
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance(dir.resolve("server.p12").toFile(), KEY_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, KEY_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test certificate", e);
        }
    }

    /** The trust store holding the fake's certificate, {@code PKCS12} or {@code JKS}. */
    public Path trustStore(String type) {
        return dir.resolve("trust." + type.toLowerCase());
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
