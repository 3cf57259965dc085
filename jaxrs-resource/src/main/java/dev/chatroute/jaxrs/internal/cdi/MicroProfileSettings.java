package dev.chatroute.jaxrs.internal.cdi;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@code chatroute.*} properties that MicroProfile Config knows (its
 * {@code META-INF/microprofile-config.properties}, and any source the application adds). Called only
 * after {@code OptionalApis.present(OptionalApis.MICROPROFILE_CONFIG, ...)}.
 */
final class MicroProfileSettings {

    private MicroProfileSettings() {
    }

    /** Every {@code chatroute.*} property, with its winning value; none when no implementation is there. */
    static Map<String, String> read(ClassLoader loader) {
        Config config;
        try {
            config = ConfigProvider.getConfig(loader);
        } catch (IllegalStateException | ServiceConfigurationError e) {
            return Map.of(); // the API without an implementation
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("chatroute.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> values.put(name, value));
            }
        }
        return values;
    }
}
