package dev.chatroute.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code RateLimit} or {@code RateLimit-Policy} header: policy name to its parameters. */
final class RateLimitValues {

    private RateLimitValues() {
    }

    static Map<String, Map<String, Long>> parse(String header) {
        Map<String, Map<String, Long>> policies = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return policies;
        }
        for (String item : header.split(",")) {
            String[] parts = item.trim().split(";");
            Map<String, Long> params = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                params.put(kv[0], Long.parseLong(kv[1]));
            }
            policies.put(parts[0].replace("\"", ""), params);
        }
        return policies;
    }

    /** The {@code r} of one policy in a headers map, or null if it is not there. */
    static Long remaining(Map<String, String> headers, String policy) {
        Map<String, Long> params = parse(headers.get("RateLimit")).get(policy);
        return params == null ? null : params.get("r");
    }
}
