package dev.chatroute.internal.request;

import static dev.chatroute.internal.errors.ContractError.CONFLICTING_MESSAGE_FORMS;
import static dev.chatroute.internal.errors.ContractError.INVALID_JSON;
import static dev.chatroute.internal.errors.ContractError.INVALID_MESSAGES;
import static dev.chatroute.internal.errors.ContractError.INVALID_METADATA;
import static dev.chatroute.internal.errors.ContractError.INVALID_PARAMETER;
import static dev.chatroute.internal.errors.ContractError.MISSING_USER_MESSAGE;
import static dev.chatroute.internal.errors.ContractError.MODEL_NOT_FOUND;
import static dev.chatroute.internal.errors.ContractError.PARAMETER_OUT_OF_RANGE;
import static dev.chatroute.internal.errors.ContractError.TOO_MANY_MESSAGES;
import static dev.chatroute.internal.errors.ContractError.UNKNOWN_FIELD;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.internal.config.InputSettings;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Turns a request body into a {@link ChatRequest}, or refuses it with the contract's 400. */
public final class RequestParser {

    private static final Set<String> FIELDS = fields();
    private static final int METADATA_ENTRIES = 16;
    private static final int METADATA_KEY_CHARS = 64;
    private static final int METADATA_VALUE_CHARS = 512;

    private final InputSettings input;
    private final Predicate<String> knownModel;

    public RequestParser(InputSettings input, Predicate<String> knownModel) {
        this.input = input;
        this.knownModel = knownModel;
    }

    /** Parses and validates the body of a call that sent this {@code Accept} header. */
    public ChatRequest parse(byte[] body, String accept) {
        JsonNode root = readTree(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(UNKNOWN_FIELD, "Unknown field '" + name + "'; allowed fields are "
                        + String.join(", ", FIELDS.stream().sorted().toList()), name);
            }
        }
        List<ChatMessage> messages = messages(root);
        String model = model(root);
        bool(root, "stream"); // validates the type
        boolean stream = streamRequested(accept, body);
        int maxTokens = maxTokens(root);
        Double temperature = temperature(root);
        Map<String, String> metadata = metadata(root);
        return new ChatRequest(messages, model, stream, maxTokens, temperature, metadata, OptionsParser.parse(root));
    }

    private static Set<String> fields() {
        Set<String> all = new java.util.TreeSet<>(
                Set.of("userMessage", "messages", "model", "stream", "max_tokens", "temperature", "metadata"));
        all.addAll(OptionsParser.FIELDS);
        return Set.copyOf(all);
    }

    /** {@code Accept: text/event-stream} or {@code "stream": true} asks for a stream (CONTRACT §1). */
    public static boolean streamRequested(String accept, byte[] body) {
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream")) {
            return true;
        }
        try {
            JsonNode stream = Json.MAPPER.readTree(body).path("stream");
            return stream.isBoolean() && stream.booleanValue();
        } catch (java.io.IOException | RuntimeException unparsable) {
            return false;
        }
    }

    private static JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw invalid(INVALID_JSON, "The request body is empty; send a JSON object", null);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw invalid(INVALID_JSON, "The request body is not valid JSON" + where, null);
        } catch (java.io.IOException e) {
            throw invalid(INVALID_JSON, "The request body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid(INVALID_JSON, "The request body must be a JSON object", null);
        }
        return root;
    }

    private List<ChatMessage> messages(JsonNode root) {
        JsonNode single = root.get("userMessage");
        JsonNode list = root.get("messages");
        if (single != null && list != null) {
            throw invalid(CONFLICTING_MESSAGE_FORMS, "Send either userMessage or messages, not both", "messages");
        }
        if (list == null) {
            if (single == null || !single.isTextual() || single.asText().isBlank()) {
                throw invalid(MISSING_USER_MESSAGE, "userMessage must be a non-empty string", "userMessage");
            }
            return List.of(ChatMessage.user(single.asText()));
        }
        if (!list.isArray() || list.isEmpty()) {
            throw invalid(INVALID_MESSAGES, "messages must be a non-empty array of {role, content} objects",
                    "messages");
        }
        if (list.size() > input.maxMessages()) {
            throw invalid(TOO_MANY_MESSAGES, "messages may hold at most " + input.maxMessages()
                    + " entries, but has " + list.size(), "messages");
        }
        List<ChatMessage> out = new ArrayList<>(list.size());
        MessageParser conversation = new MessageParser(new MessageParser.Rules(input.allowSystemMessages(), false,
                false));
        for (int i = 0; i < list.size(); i++) {
            out.add(conversation.message(list.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private String model(JsonNode root) {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            return "default";
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid(INVALID_PARAMETER, "model must be a non-empty string naming a model alias", "model");
        }
        if (!knownModel.test(model.asText())) {
            throw invalid(MODEL_NOT_FOUND, "Unknown model '" + clip(model.asText()) + "'", "model");
        }
        return model.asText();
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(INVALID_PARAMETER, field + " must be true or false", field);
        }
        return node.booleanValue();
    }

    private int maxTokens(JsonNode root) {
        JsonNode node = root.get("max_tokens");
        if (node == null || node.isNull()) {
            return input.maxOutputTokens();
        }
        if (!node.isIntegralNumber()) {
            throw invalid(INVALID_PARAMETER, "max_tokens must be a whole number", "max_tokens");
        }
        if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > input.maxOutputTokens()) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "max_tokens must be between 1 and " + input.maxOutputTokens(),
                    "max_tokens");
        }
        return node.intValue();
    }

    private static Double temperature(JsonNode root) {
        JsonNode node = root.get("temperature");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalid(INVALID_PARAMETER, "temperature must be a number", "temperature");
        }
        double value = node.doubleValue();
        if (!(value >= 0 && value <= 2)) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "temperature must be between 0 and 2", "temperature");
        }
        return value;
    }

    /** {@code metadata} of a request's root, validated as CONTRACT §1 says (the OpenAI facade reads it too). */
    public static Map<String, String> metadata(JsonNode root) {
        JsonNode node = root.get("metadata");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(INVALID_PARAMETER, "metadata must be an object of string values", "metadata");
        }
        if (node.size() > METADATA_ENTRIES) {
            throw invalid(PARAMETER_OUT_OF_RANGE, "metadata may hold at most " + METADATA_ENTRIES + " entries",
                    "metadata");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > METADATA_KEY_CHARS) {
                throw invalid(INVALID_PARAMETER, "metadata keys must be 1 to " + METADATA_KEY_CHARS
                        + " characters", "metadata");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().length() > METADATA_VALUE_CHARS) {
                throw invalid(INVALID_PARAMETER, "metadata." + clip(e.getKey()) + " must be a string of at most "
                        + METADATA_VALUE_CHARS + " characters", "metadata." + e.getKey());
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        checkMetadata(out);
        return out;
    }

    /**
     * Refuses metadata whose keys or values hold control characters (CR, LF, ESC, the other C0 and
     * C1 controls, DEL, and the Unicode line and paragraph separators): metadata reaches every usage
     * listener, and such characters would forge log lines or send escape sequences to a terminal.
     * The offending text is not repeated in the message.
     */
    public static void checkMetadata(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (hasControl(e.getKey())) {
                throw invalid(INVALID_METADATA, "metadata keys may not contain control characters or line breaks",
                        "metadata");
            }
            if (hasControl(e.getValue())) {
                throw invalid(INVALID_METADATA, "metadata." + clip(e.getKey()) + " may not contain control"
                        + " characters or line breaks", "metadata." + e.getKey());
            }
        }
    }

    private static boolean hasControl(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static dev.chatroute.ApiErrorException invalid(ContractError error, String message, String param) {
        return error.error(message, param).toException();
    }
}
