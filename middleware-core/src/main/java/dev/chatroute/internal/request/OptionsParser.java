package dev.chatroute.internal.request;

import static dev.chatroute.internal.errors.ContractError.INVALID_PARAMETER;
import static dev.chatroute.internal.errors.ContractError.PARAMETER_OUT_OF_RANGE;
import static dev.chatroute.internal.errors.ContractError.UNKNOWN_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ModelOptions;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the tool and structured-output parameters of a request, in the OpenAI chat completions
 * shapes, strictly: both the chat route and the OpenAI facade use it, so they refuse the same
 * things the same way. JSON-valued options are kept as compact JSON text.
 */
public final class OptionsParser {

    /** The request fields this parser reads. */
    public static final Set<String> FIELDS =
            Set.of("tools", "tool_choice", "parallel_tool_calls", "response_format", "stop", "top_p", "seed");

    public static final int MAX_TOOLS = 128;
    public static final int MAX_SCHEMA_DEPTH = 32;
    static final int MAX_STOP = 4;
    static final int MAX_STOP_CHARS = 256;
    static final int MAX_DESCRIPTION_CHARS = 8192;
    /** OpenAI's rule for function and schema names. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private OptionsParser() {
    }

    public static ModelOptions parse(JsonNode root) {
        List<String> tools = tools(root.get("tools"));
        Set<String> names = new HashSet<>();
        for (String tool : tools) {
            names.add(read(tool).path("function").path("name").asText());
        }
        String toolChoice = toolChoice(root.get("tool_choice"), names);
        Boolean parallel = parallelToolCalls(root.get("parallel_tool_calls"), !tools.isEmpty());
        return new ModelOptions(tools, toolChoice, parallel, responseFormat(root.get("response_format")),
                stop(root.get("stop")), topP(root.get("top_p")), seed(root.get("seed")));
    }

    private static List<String> tools(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(INVALID_PARAMETER, "tools must be an array of {type: function, function: {...}} objects",
                    "tools");
        }
        if (node.size() > MAX_TOOLS) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "tools may hold at most " + MAX_TOOLS + " entries, but has "
                    + node.size(), "tools");
        }
        List<String> out = new ArrayList<>(node.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "tools[" + i + "]";
            JsonNode tool = node.get(i);
            onlyFields(tool, where, "type", "function");
            if (!"function".equals(tool.path("type").asText(null))) {
                throw invalid(INVALID_PARAMETER, where + ".type must be \"function\"", where + ".type");
            }
            JsonNode function = tool.get("function");
            onlyFields(function, where + ".function", "name", "description", "parameters", "strict");
            String name = name(function.get("name"), where + ".function.name");
            if (!names.add(name)) {
                throw invalid(INVALID_PARAMETER, "tools has two functions named '" + name + "'", where
                        + ".function.name");
            }
            text(function.get("description"), where + ".function.description", MAX_DESCRIPTION_CHARS);
            schema(function.get("parameters"), where + ".function.parameters");
            bool(function.get("strict"), where + ".function.strict");
            out.add(Json.write(tool));
        }
        return out;
    }

    private static String toolChoice(JsonNode node, Set<String> toolNames) {
        if (absent(node)) {
            return null;
        }
        if (node.isTextual()) {
            String choice = node.asText();
            if (!choice.equals("none") && !choice.equals("auto") && !choice.equals("required")) {
                throw invalid(INVALID_PARAMETER, "tool_choice must be none, auto, required or {type: function, "
                        + "function: {name}}", "tool_choice");
            }
            if (choice.equals("required") && toolNames.isEmpty()) {
                throw invalid(INVALID_PARAMETER, "tool_choice required needs tools", "tool_choice");
            }
            return Json.write(node);
        }
        onlyFields(node, "tool_choice", "type", "function");
        if (!"function".equals(node.path("type").asText(null))) {
            throw invalid(INVALID_PARAMETER, "tool_choice.type must be \"function\"", "tool_choice.type");
        }
        onlyFields(node.get("function"), "tool_choice.function", "name");
        String name = name(node.path("function").get("name"), "tool_choice.function.name");
        if (!toolNames.contains(name)) {
            throw invalid(INVALID_PARAMETER, "tool_choice names '" + name + "', which is not one of the tools",
                    "tool_choice.function.name");
        }
        return Json.write(node);
    }

    private static Boolean parallelToolCalls(JsonNode node, boolean hasTools) {
        Boolean value = bool(node, "parallel_tool_calls");
        if (value != null && !hasTools) {
            throw invalid(INVALID_PARAMETER, "parallel_tool_calls is only allowed with tools", "parallel_tool_calls");
        }
        return value;
    }

    private static String responseFormat(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(INVALID_PARAMETER, "response_format must be an object with a type", "response_format");
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "text", "json_object" -> onlyFields(node, "response_format", "type");
            case "json_schema" -> {
                onlyFields(node, "response_format", "type", "json_schema");
                JsonNode schema = node.get("json_schema");
                onlyFields(schema, "response_format.json_schema", "name", "description", "schema", "strict");
                name(schema.get("name"), "response_format.json_schema.name");
                text(schema.get("description"), "response_format.json_schema.description", MAX_DESCRIPTION_CHARS);
                schema(schema.get("schema"), "response_format.json_schema.schema");
                bool(schema.get("strict"), "response_format.json_schema.strict");
            }
            default -> throw invalid(INVALID_PARAMETER, "response_format.type must be text, json_object or json_schema",
                    "response_format.type");
        }
        return Json.write(node);
    }

    private static List<String> stop(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.size() > MAX_STOP) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "stop may hold at most " + MAX_STOP + " sequences", "stop");
        }
        List<String> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isTextual() || item.asText().isEmpty() || item.asText().length() > MAX_STOP_CHARS) {
                throw invalid(INVALID_PARAMETER, "stop must be a string or an array of strings of 1 to "
                        + MAX_STOP_CHARS + " characters", "stop");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static Double topP(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalid(INVALID_PARAMETER, "top_p must be a number", "top_p");
        }
        double value = node.doubleValue();
        if (!(value >= 0 && value <= 1)) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "top_p must be between 0 and 1", "top_p");
        }
        return value;
    }

    private static Long seed(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(INVALID_PARAMETER, "seed must be a whole number", "seed");
        }
        return node.longValue();
    }

    /** A JSON schema: an object, nested at most {@link #MAX_SCHEMA_DEPTH} deep. */
    private static void schema(JsonNode node, String where) {
        if (absent(node)) {
            return;
        }
        if (!node.isObject()) {
            throw invalid(INVALID_PARAMETER, where + " must be a JSON schema object", where);
        }
        if (depth(node, 0) > MAX_SCHEMA_DEPTH) {
            throw invalid(PARAMETER_OUT_OF_RANGE, where + " is nested more than " + MAX_SCHEMA_DEPTH + " deep", where);
        }
    }

    /** How deep objects and arrays nest; stops counting past the limit, so a hostile schema costs little. */
    private static int depth(JsonNode node, int above) {
        int here = above + 1;
        if (here > MAX_SCHEMA_DEPTH) {
            return here;
        }
        int deepest = here;
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                deepest = Math.max(deepest, depth(child, here));
                if (deepest > MAX_SCHEMA_DEPTH) {
                    return deepest;
                }
            }
        }
        return deepest;
    }

    static String name(JsonNode node, String where) {
        if (node == null || !node.isTextual() || !NAME.matcher(node.asText()).matches()) {
            throw invalid(INVALID_PARAMETER, where + " must be 1 to 64 letters, digits, _ or -", where);
        }
        return node.asText();
    }

    private static void text(JsonNode node, String where, int maxChars) {
        if (!absent(node) && (!node.isTextual() || node.asText().length() > maxChars)) {
            throw invalid(INVALID_PARAMETER, where + " must be a string of at most " + maxChars + " characters", where);
        }
    }

    private static Boolean bool(JsonNode node, String where) {
        if (absent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid(INVALID_PARAMETER, where + " must be true or false", where);
        }
        return node.booleanValue();
    }

    /** Refuses anything but an object with only these fields: a typo surfaces instead of being dropped. */
    static void onlyFields(JsonNode node, String where, String... allowed) {
        if (node == null || !node.isObject()) {
            throw invalid(INVALID_PARAMETER, where + " must be an object", where);
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(UNKNOWN_FIELD, "Unknown field '" + clip(name) + "' in " + where + "; allowed are "
                        + String.join(", ", allowed), where + "." + clip(name));
            }
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("written by this class", e);
        }
    }

    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    static ApiErrorException invalid(ContractError error, String message, String param) {
        return error.error(message, param).toException();
    }
}
