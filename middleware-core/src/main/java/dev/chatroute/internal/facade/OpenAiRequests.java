package dev.chatroute.internal.facade;

import static dev.chatroute.internal.errors.ContractError.INVALID_JSON;
import static dev.chatroute.internal.errors.ContractError.INVALID_MESSAGES;
import static dev.chatroute.internal.errors.ContractError.INVALID_PARAMETER;
import static dev.chatroute.internal.errors.ContractError.MODEL_NOT_FOUND;
import static dev.chatroute.internal.errors.ContractError.PARAMETER_OUT_OF_RANGE;
import static dev.chatroute.internal.errors.ContractError.TOO_MANY_MESSAGES;
import static dev.chatroute.internal.errors.ContractError.UNKNOWN_FIELD;
import static dev.chatroute.internal.errors.ContractError.UNSUPPORTED_PARAMETER;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.ModelOptions;
import dev.chatroute.internal.config.InputSettings;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.json.Json;
import dev.chatroute.internal.pipeline.Dialect;
import dev.chatroute.internal.request.MessageParser;
import dev.chatroute.internal.request.OptionsParser;
import dev.chatroute.internal.request.RequestParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads an OpenAI chat completions request into a {@link ChatRequest}, or refuses it with a 400
 * that names the field ({@code param}), which {@link OpenAiErrors} then writes in OpenAI's shape.
 *
 * <p>Strict where it protects the caller: an unknown field is refused (OpenAI does the same), and
 * so is a known one Chatroute would silently drop while it changes the answer ({@code n} above 1,
 * a {@code logit_bias}, non-zero penalties, {@code logprobs}, audio, images). Lenient where SDKs and
 * frameworks send OpenAI's defaults: those fields are accepted when they hold the value that
 * changes nothing ({@code n: 1}, {@code presence_penalty: 0}, {@code logprobs: false}, ...), and
 * any field may be {@code null}, meaning absent.
 *
 * <p>Choices made where OpenAI leaves room: {@code max_tokens} and {@code max_completion_tokens}
 * mean the same; when both are given the smaller wins, the caller's tighter cap. {@code user} (and
 * {@code safety_identifier}) is kept as metadata {@code user} for usage records, never as the
 * caller's identity, which comes from the request as on {@code /api/chat}. {@code developer}
 * messages are system messages. A content-part array is joined into one text, parts as written.
 * Messages, tool calls and tool results are read by the chat route's own {@link MessageParser},
 * and tools and structured output by its {@link OptionsParser}, so both routes refuse alike.
 */
final class OpenAiRequests {

    private static final Set<String> FIELDS = fields();

    private final InputSettings input;
    private final Predicate<String> knownModel;

    OpenAiRequests(InputSettings input, Predicate<String> knownModel) {
        this.input = input;
        this.knownModel = knownModel;
    }

    Dialect.Parsed parse(byte[] body) {
        JsonNode root = readTree(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(UNKNOWN_FIELD, "Unrecognized request argument supplied: " + clip(name), name);
            }
        }
        inert(root);
        String model = model(root);
        List<ChatMessage> messages = messages(root);
        n(root);
        boolean stream = bool(root, "stream");
        boolean includeUsage = includeUsage(root);
        int maxTokens = maxTokens(root);
        Double temperature = number(root, "temperature", 0, 2);
        Map<String, String> metadata = metadata(root);
        ModelOptions options = OptionsParser.parse(root);
        return new Dialect.Parsed(new ChatRequest(messages, model, stream, maxTokens, temperature, metadata, options),
                includeUsage);
    }

    private static Set<String> fields() {
        Set<String> all = new HashSet<>(Set.of("model", "messages", "n", "max_tokens", "max_completion_tokens",
                "temperature", "stream", "stream_options", "user", "safety_identifier", "metadata",
                // accepted only with the value that changes nothing (see inert)
                "frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs", "store",
                "service_tier", "prompt_cache_key", "modalities"));
        all.addAll(OptionsParser.FIELDS); // tools, tool_choice, parallel_tool_calls, response_format, stop, top_p, seed
        return Set.copyOf(all);
    }

    private static JsonNode readTree(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalid(INVALID_JSON, "We could not parse the JSON body of your request", null);
        } catch (java.io.IOException e) {
            throw invalid(INVALID_JSON, "We could not parse the JSON body of your request", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid(INVALID_JSON, "The request body must be a JSON object", null);
        }
        return root;
    }

    /** Fields Chatroute does not forward: accepted only when they ask for nothing. */
    private static void inert(JsonNode root) {
        zero(root, "frequency_penalty");
        zero(root, "presence_penalty");
        JsonNode bias = present(root, "logit_bias");
        if (bias != null && !(bias.isObject() && bias.isEmpty())) {
            throw unsupported("logit_bias");
        }
        for (String flag : List.of("logprobs", "store")) {
            JsonNode node = present(root, flag);
            if (node != null && !(node.isBoolean() && !node.booleanValue())) {
                throw unsupported(flag);
            }
        }
        JsonNode top = present(root, "top_logprobs");
        if (top != null && !(top.isIntegralNumber() && top.intValue() == 0)) {
            throw unsupported("top_logprobs");
        }
        JsonNode tier = present(root, "service_tier");
        if (tier != null && !(tier.isTextual() && Set.of("auto", "default").contains(tier.asText()))) {
            throw unsupported("service_tier");
        }
        JsonNode modalities = present(root, "modalities");
        if (modalities != null && !(modalities.isArray() && modalities.size() == 1
                && "text".equals(modalities.get(0).asText()))) {
            throw unsupported("modalities");
        }
        JsonNode cacheKey = present(root, "prompt_cache_key");
        if (cacheKey != null && !cacheKey.isTextual()) {
            throw invalid(INVALID_PARAMETER, "prompt_cache_key must be a string", "prompt_cache_key");
        }
    }

    private static void zero(JsonNode root, String field) {
        JsonNode node = present(root, field);
        if (node != null && !(node.isNumber() && node.doubleValue() == 0)) {
            throw unsupported(field);
        }
    }

    private static ApiErrorException unsupported(String field) {
        return invalid(UNSUPPORTED_PARAMETER, field + " is not supported by this server; leave it out or send "
                + "OpenAI's default", field);
    }

    private String model(JsonNode root) {
        JsonNode model = present(root, "model");
        if (model == null) {
            throw invalid(INVALID_PARAMETER, "model is required: send a model alias this server defines", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid(INVALID_PARAMETER, "model must be a non-empty string naming a model alias", "model");
        }
        if (!knownModel.test(model.asText())) {
            throw invalid(MODEL_NOT_FOUND, "The model '" + clip(model.asText()) + "' does not exist", "model");
        }
        return model.asText();
    }

    private List<ChatMessage> messages(JsonNode root) {
        JsonNode list = present(root, "messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw invalid(INVALID_MESSAGES, "messages must be a non-empty array of message objects", "messages");
        }
        if (list.size() > input.maxMessages()) {
            throw invalid(TOO_MANY_MESSAGES, "messages may hold at most " + input.maxMessages()
                    + " entries, but has " + list.size(), "messages");
        }
        List<ChatMessage> out = new ArrayList<>(list.size());
        MessageParser conversation = new MessageParser(new MessageParser.Rules(input.allowSystemMessages(), true, true));
        for (int i = 0; i < list.size(); i++) {
            out.add(conversation.message(withoutEchoedFields(list.get(i)), "messages[" + i + "]"));
        }
        return out;
    }

    /**
     * A message as the parser reads it, without what an SDK's own answer object carries when a
     * caller sends it back as it came ({@code messages.push(completion.choices[0].message)}):
     * {@code refusal: null}, {@code annotations: []}, {@code audio: null}, {@code function_call: null}.
     */
    private static JsonNode withoutEchoedFields(JsonNode node) {
        if (!node.isObject() || !"assistant".equals(node.path("role").asText())) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (String field : List.of("refusal", "audio", "function_call")) {
            if (copy.has(field) && copy.get(field).isNull()) {
                copy.remove(field);
            }
        }
        if (copy.path("annotations").isArray() && copy.get("annotations").isEmpty()) {
            copy.remove("annotations");
        }
        return copy;
    }

    private static void n(JsonNode root) {
        JsonNode n = present(root, "n");
        if (n != null && !(n.isIntegralNumber() && n.intValue() == 1 && n.canConvertToInt())) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "n must be 1: this server returns one choice per call", "n");
        }
    }

    private static boolean includeUsage(JsonNode root) {
        JsonNode options = present(root, "stream_options");
        if (options == null) {
            return false;
        }
        if (!options.isObject()) {
            throw invalid(INVALID_PARAMETER, "stream_options must be an object", "stream_options");
        }
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("include_usage") && !name.equals("include_obfuscation")) {
                throw invalid(UNKNOWN_FIELD, "Unrecognized field '" + clip(name) + "' in stream_options",
                        "stream_options." + name);
            }
            JsonNode flag = options.get(name);
            if (!flag.isNull() && !flag.isBoolean()) { // obfuscation padding is never sent: that flag has no effect
                throw invalid(INVALID_PARAMETER, "stream_options." + name + " must be true or false",
                        "stream_options." + name);
            }
        }
        return options.path("include_usage").asBoolean(false);
    }

    /** {@code max_tokens} and {@code max_completion_tokens} alike; the smaller of both when both are sent. */
    private int maxTokens(JsonNode root) {
        Integer legacy = tokens(root, "max_tokens");
        Integer current = tokens(root, "max_completion_tokens");
        if (legacy == null && current == null) {
            return input.maxOutputTokens();
        }
        return legacy == null ? current : current == null ? legacy : Math.min(legacy, current);
    }

    private Integer tokens(JsonNode root, String field) {
        JsonNode node = present(root, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw invalid(INVALID_PARAMETER, field + " must be a whole number", field);
        }
        if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > input.maxOutputTokens()) {
            throw invalid(PARAMETER_OUT_OF_RANGE, field + " must be between 1 and " + input.maxOutputTokens(), field);
        }
        return node.intValue();
    }

    /** {@code metadata} as on {@code /api/chat}, plus {@code user} (or {@code safety_identifier}) under {@code user}. */
    private static Map<String, String> metadata(JsonNode root) {
        Map<String, String> metadata = new LinkedHashMap<>(RequestParser.metadata(root));
        for (String field : List.of("user", "safety_identifier")) {
            JsonNode node = present(root, field);
            if (node == null) {
                continue;
            }
            if (!node.isTextual() || node.asText().length() > 512) {
                throw invalid(INVALID_PARAMETER, field + " must be a string of at most 512 characters", field);
            }
            metadata.putIfAbsent("user", node.asText());
        }
        RequestParser.checkMetadata(metadata);
        return metadata;
    }

    static Double number(JsonNode root, String field, double min, double max) {
        JsonNode node = present(root, field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalid(INVALID_PARAMETER, field + " must be a number", field);
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            throw invalid(PARAMETER_OUT_OF_RANGE, field + " must be between " + (int) min + " and " + (int) max, field);
        }
        return value;
    }

    static boolean bool(JsonNode root, String field) {
        JsonNode node = present(root, field);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(INVALID_PARAMETER, field + " must be true or false", field);
        }
        return node.booleanValue();
    }

    /** A field's value, or null when it is absent or {@code null} (SDKs may send either). */
    static JsonNode present(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    static ApiErrorException invalid(ContractError error, String message, String param) {
        return error.error(message, param).toException();
    }
}
