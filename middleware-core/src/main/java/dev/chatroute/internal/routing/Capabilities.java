package dev.chatroute.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ModelOptions;
import dev.chatroute.internal.json.Json;
import dev.chatroute.spi.Capability;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a request needs of a provider, read from its options. */
public final class Capabilities {

    private Capabilities() {
    }

    /**
     * The capabilities a request needs. Only what changes the answer counts: {@code tool_choice}
     * {@code "auto"} or {@code "none"} is what every provider with tools does anyway, and a stream's
     * usage report is estimated where the provider sends none.
     */
    public static Set<Capability> needed(ModelOptions options) {
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        if (options.hasTools()) {
            needed.add(Capability.TOOLS);
        }
        if (options.toolChoice() != null && !isJsonString(options.toolChoice(), "auto", "none")) {
            needed.add(Capability.TOOL_CHOICE);
        }
        if (options.parallelToolCalls() != null) {
            needed.add(Capability.PARALLEL_TOOL_CALLS);
        }
        String format = responseFormatType(options.responseFormat());
        if ("json_object".equals(format)) {
            needed.add(Capability.JSON_OBJECT);
        } else if ("json_schema".equals(format)) {
            needed.add(Capability.JSON_SCHEMA);
        }
        if (options.seed() != null) {
            needed.add(Capability.SEED);
        }
        return needed;
    }

    /** The capability's name in messages and events: {@code tools}, {@code json_schema}, {@code stream_usage}... */
    public static String name(Capability capability) {
        return capability.name().toLowerCase(Locale.ROOT);
    }

    /** The {@code type} of a {@code response_format}'s JSON text, or null. */
    public static String responseFormatType(String responseFormat) {
        JsonNode node = read(responseFormat);
        return node != null && node.path("type").isTextual() ? node.path("type").asText() : null;
    }

    private static boolean isJsonString(String json, String... values) {
        JsonNode node = read(json);
        if (node == null || !node.isTextual()) {
            return false;
        }
        for (String value : values) {
            if (value.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return null; // validated by the parser: cannot happen for a parsed request
        }
    }
}
