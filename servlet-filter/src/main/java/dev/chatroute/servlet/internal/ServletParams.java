package dev.chatroute.servlet.internal;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects web.xml context-params and filter init-params (the latter winning) as config entries. */
public final class ServletParams {

    /** A context-param naming a properties resource in the WAR with the application's own defaults. */
    public static final String DEFAULTS = "chatroute.defaults";

    private ServletParams() {
    }

    public static Map<String, String> of(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            params.put(name, context.getInitParameter(name));
        }
        return params;
    }

    public static Map<String, String> of(FilterConfig filter) {
        Map<String, String> params = of(filter.getServletContext());
        for (String name : Collections.list(filter.getInitParameterNames())) {
            params.put(name, filter.getInitParameter(name));
        }
        return params;
    }

    /**
     * The standard layering, under the application's defaults: the WAR resource named by
     * {@code chatroute.defaults} (say {@code /WEB-INF/chatroute-defaults.properties}) comes first, so
     * the {@code CHATROUTE_CONFIG} file and everything after it can still override it.
     */
    public static ChatrouteConfig config(ServletContext context, Map<String, String> params) {
        ChatrouteConfig.Builder builder = ChatrouteConfig.builder();
        String defaults = params.get(DEFAULTS);
        if (defaults != null && !defaults.isBlank()) {
            try (InputStream in = context.getResourceAsStream(defaults.trim())) {
                if (in == null) {
                    throw new InvalidConfigException(DEFAULTS, "no resource at '" + defaults + "' in the application");
                }
                builder.properties(in);
            } catch (IOException e) {
                throw new InvalidConfigException(DEFAULTS, "cannot read '" + defaults + "': " + e.getMessage());
            }
        }
        return builder.standard(params).build();
    }
}
