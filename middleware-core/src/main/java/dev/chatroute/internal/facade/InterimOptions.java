package dev.chatroute.internal.facade;

import static dev.chatroute.internal.errors.ContractError.INVALID_MESSAGE;
import static dev.chatroute.internal.errors.ContractError.INVALID_PARAMETER;
import static dev.chatroute.internal.errors.ContractError.PARAMETER_OUT_OF_RANGE;
import static dev.chatroute.internal.facade.OpenAiRequests.invalid;
import static dev.chatroute.internal.facade.OpenAiRequests.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ModelOptions;
import dev.chatroute.ToolCall;
import dev.chatroute.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The model options and assistant tool calls of a facade request, read with the checks of their
 * OpenAI shapes. Stands in until the chat route's own options parser is shared.
 */
final class InterimOptions {

    private static final Set<String> CHOICES = Set.of("auto", "none", "required");
    private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");

    private InterimOptions() {
    }

    static ModelOptions read(JsonNode root) {
        List<String> tools = new ArrayList<>();
        JsonNode list = present(root, "tools");
        if (list != null) {
            if (!list.isArray()) {
                throw invalid(INVALID_PARAMETER, "tools must be an array of function tools", "tools");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode tool = list.get(i);
                if (!"function".equals(tool.path("type").asText()) || !tool.path("function").path("name").isTextual()) {
                    throw invalid(INVALID_PARAMETER, "tools[" + i + "] must be {\"type\":\"function\",\"function\":"
                            + "{\"name\":...}}", "tools[" + i + "]");
                }
                tools.add(Json.write(tool));
            }
        }
        String toolChoice = null;
        JsonNode choice = present(root, "tool_choice");
        if (choice != null) {
            if (!(choice.isTextual() && CHOICES.contains(choice.asText())) && !choice.isObject()) {
                throw invalid(INVALID_PARAMETER, "tool_choice must be auto, none, required or a function object",
                        "tool_choice");
            }
            toolChoice = Json.write(choice);
        }
        Boolean parallel = present(root, "parallel_tool_calls") == null ? null
                : OpenAiRequests.bool(root, "parallel_tool_calls");
        String format = null;
        JsonNode fmt = present(root, "response_format");
        if (fmt != null) {
            if (!fmt.isObject() || !FORMATS.contains(fmt.path("type").asText())) {
                throw invalid(INVALID_PARAMETER, "response_format.type must be text, json_object or json_schema",
                        "response_format");
            }
            format = "text".equals(fmt.path("type").asText()) ? null : Json.write(fmt);
        }
        Double topP = OpenAiRequests.number(root, "top_p", 0, 1);
        Long seed = null;
        JsonNode seedNode = present(root, "seed");
        if (seedNode != null) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw invalid(INVALID_PARAMETER, "seed must be a whole number", "seed");
            }
            seed = seedNode.longValue();
        }
        return new ModelOptions(tools, toolChoice, parallel, format, stop(root), topP, seed);
    }

    private static List<String> stop(JsonNode root) {
        JsonNode stop = present(root, "stop");
        if (stop == null) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (!stop.isArray() || stop.size() > 4) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "stop must be a string or an array of at most 4 strings", "stop");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw invalid(INVALID_PARAMETER, "stop must be a string or an array of at most 4 strings", "stop");
            }
            out.add(s.asText());
        }
        return out;
    }

    /** An assistant message's {@code tool_calls}: {@code [{"id","type":"function","function":{"name","arguments"}}]}. */
    static List<ToolCall> toolCalls(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(INVALID_MESSAGE, where + " must be an array of tool calls", where);
        }
        List<ToolCall> calls = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode call = node.get(i);
            JsonNode function = call.path("function");
            if (!call.path("id").isTextual() || !function.path("name").isTextual()
                    || !(function.path("arguments").isTextual() || function.path("arguments").isMissingNode())) {
                throw invalid(INVALID_MESSAGE, where + "[" + i + "] must be {\"id\",\"type\":\"function\","
                        + "\"function\":{\"name\",\"arguments\"}}", where + "[" + i + "]");
            }
            calls.add(new ToolCall(call.get("id").asText(), function.get("name").asText(),
                    function.path("arguments").asText("")));
        }
        return calls;
    }
}
