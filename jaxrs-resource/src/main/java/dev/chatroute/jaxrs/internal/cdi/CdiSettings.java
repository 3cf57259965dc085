package dev.chatroute.jaxrs.internal.cdi;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.jaxrs.internal.OptionalApis;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of a gateway built by CDI, lowest source first: the WAR resource named by the
 * context-param {@code chatroute.defaults}, MicroProfile Config (where present), the file named by
 * {@code chatroute.config} / {@code CHATROUTE_CONFIG}, the context-params, system properties. A
 * {@code ChatrouteConfig} bean of the application is laid over all of these by {@link ChatrouteBeans}.
 */
final class CdiSettings {

    static final String DEFAULTS = "chatroute.defaults";

    private CdiSettings() {
    }

    static ChatrouteConfig read(ServletContext context, ClassLoader loader) {
        Map<String, String> params = contextParams(context);
        ChatrouteConfig.Builder builder = ChatrouteConfig.builder();
        String defaults = params.get(DEFAULTS);
        if (context != null && defaults != null && !defaults.isBlank()) {
            try (InputStream in = context.getResourceAsStream(defaults.trim())) {
                if (in == null) {
                    throw new InvalidConfigException(DEFAULTS, "no resource at '" + defaults + "' in the application");
                }
                builder.properties(in);
            } catch (IOException e) {
                throw new InvalidConfigException(DEFAULTS, "cannot read '" + defaults + "': " + e.getMessage());
            }
        }
        if (OptionalApis.present(OptionalApis.MICROPROFILE_CONFIG, loader)) {
            builder.putAll(MicroProfileSettings.read(loader));
        }
        return builder.standard(params).build();
    }

    private static Map<String, String> contextParams(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        if (context != null) {
            for (String name : Collections.list(context.getInitParameterNames())) {
                params.put(name, context.getInitParameter(name));
            }
        }
        return params;
    }
}
