package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code chatroute.providers.<name>.truststore} and {@code .truststore-password}: the certificates a
 * provider's TLS is checked against instead of the JVM's trust store (an in-house CA, say). Read at
 * start-up, so a missing file or wrong password fails there; the password is never shown.
 *
 * @param path the file, PKCS12 or JKS (the JDK tells them apart)
 * @param context TLS trusting exactly the store's certificates
 */
public record TrustStore(Path path, SSLContext context) {

    static Optional<TrustStore> read(ConfigReader r, String prefix) {
        String key = prefix + "truststore";
        String passwordKey = prefix + "truststore-password";
        Optional<Secret> password = Secret.read(r, passwordKey);
        Optional<String> file = r.string(key).map(String::trim);
        if (file.isEmpty()) {
            if (password.isPresent()) {
                throw new InvalidConfigException(passwordKey, "is set but " + key + " is not");
            }
            return Optional.empty();
        }
        Path path = Path.of(file.get());
        if (!Files.isReadable(path)) {
            throw ConfigReader.bad(key, file.get(), "is not a readable file");
        }
        char[] secret = password.map(p -> p.reveal().toCharArray()).orElse(null);
        try {
            KeyStore store = KeyStore.getInstance(path.toFile(), secret);
            if (store.size() == 0) {
                // An empty store would fail every call's handshake with "trustAnchors must be non-empty".
                throw ConfigReader.bad(key, file.get(), "holds no certificates" + (secret == null
                        ? " it can show without " + passwordKey + " (PKCS12 stores usually encrypt them)" : ""));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(new TrustStore(path, context));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // The JDK's messages do not hold the password, but are vague: say what to check.
            throw ConfigReader.bad(key, file.get(), "cannot be read as a PKCS12 or JKS trust store (check the file "
                    + "and " + passwordKey + "; the password is not shown)");
        }
    }

    @Override
    public String toString() {
        return "TrustStore[" + path + "]";
    }
}
