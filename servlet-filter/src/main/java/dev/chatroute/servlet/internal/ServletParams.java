package dev.chatroute.servlet.internal;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects web.xml context-params and filter init-params (the latter winning) as config entries. */
public final class ServletParams {

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
}
