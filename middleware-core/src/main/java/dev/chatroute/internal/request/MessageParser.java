package dev.chatroute.internal.request;

import static dev.chatroute.internal.errors.ContractError.INVALID_MESSAGE;
import static dev.chatroute.internal.errors.ContractError.INVALID_ROLE;
import static dev.chatroute.internal.errors.ContractError.SYSTEM_MESSAGE_NOT_ALLOWED;
import static dev.chatroute.internal.errors.ContractError.UNKNOWN_FIELD;
import static dev.chatroute.internal.request.OptionsParser.clip;
import static dev.chatroute.internal.request.OptionsParser.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.ChatMessage;
import dev.chatroute.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one conversation's messages, tool calls and tool results included, for both the chat
 * route and the OpenAI facade. A {@code tool} message must answer a call of an assistant message
 * before it, as OpenAI requires: a conversation that breaks that would fail upstream instead.
 */
public final class MessageParser {

    /** What a route accepts beyond the contract's own messages. */
    public record Rules(boolean allowSystem, boolean contentParts, boolean developerRole) {
    }

    static final int MAX_TOOL_CALLS = OptionsParser.MAX_TOOLS;
    static final int MAX_ID_CHARS = 256;
    private static final Set<String> FIELDS = Set.of("role", "content", "tool_calls", "tool_call_id", "name");

    private final Rules rules;
    private final Set<String> callIds = new HashSet<>(); // ids of the tool calls seen so far

    /** A parser for one conversation: it remembers the tool calls it has read. */
    public MessageParser(Rules rules) {
        this.rules = rules;
    }

    public ChatMessage message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(INVALID_MESSAGE, where + " must be an object with role and content", where);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) || name.equals("name") && !rules.contentParts()) {
                throw invalid(UNKNOWN_FIELD, "Unknown field '" + clip(name) + "' in " + where
                        + "; a message has role, content, and tool_calls or tool_call_id", where + "." + clip(name));
            }
        }
        String role = role(node.get("role"), where);
        return switch (role) {
            case "assistant" -> assistant(node, where);
            case "tool" -> tool(node, where);
            default -> {
                refuse(node, "tool_calls", where, role);
                refuse(node, "tool_call_id", where, role);
                yield new ChatMessage(role, content(node.get("content"), where, false));
            }
        };
    }

    private String role(JsonNode role, String where) {
        String name = role != null && role.isTextual() ? role.asText() : "";
        if (name.equals("developer") && rules.developerRole()) {
            name = "system"; // OpenAI's newer name for it
        }
        if (!Set.of("system", "user", "assistant", "tool").contains(name)) {
            throw invalid(INVALID_ROLE, where + ".role must be one of user, assistant, system, tool", where + ".role");
        }
        if (name.equals("system") && !rules.allowSystem()) {
            throw invalid(SYSTEM_MESSAGE_NOT_ALLOWED,
                    "system messages are not accepted from clients; the server sets the system prompt", where + ".role");
        }
        return name;
    }

    private ChatMessage assistant(JsonNode node, String where) {
        refuse(node, "tool_call_id", where, "assistant");
        JsonNode calls = node.get("tool_calls");
        if (calls == null || calls.isNull()) {
            return new ChatMessage("assistant", content(node.get("content"), where, false));
        }
        if (!calls.isArray() || calls.isEmpty() || calls.size() > MAX_TOOL_CALLS) {
            throw invalid(INVALID_MESSAGE, where + ".tool_calls must be an array of 1 to " + MAX_TOOL_CALLS
                    + " calls", where + ".tool_calls");
        }
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String at = where + ".tool_calls[" + i + "]";
            JsonNode call = calls.get(i);
            OptionsParser.onlyFields(call, at, "id", "type", "function");
            if (!"function".equals(call.path("type").asText(null))) {
                throw invalid(INVALID_MESSAGE, at + ".type must be \"function\"", at + ".type");
            }
            String id = id(call.get("id"), at + ".id");
            JsonNode function = call.get("function");
            OptionsParser.onlyFields(function, at + ".function", "name", "arguments");
            String name = OptionsParser.name(function.get("name"), at + ".function.name");
            JsonNode arguments = function.get("arguments");
            if (arguments == null || !arguments.isTextual()) {
                throw invalid(INVALID_MESSAGE, at + ".function.arguments must be a string of JSON, as the model wrote it",
                        at + ".function.arguments");
            }
            callIds.add(id);
            out.add(new ToolCall(id, name, arguments.asText()));
        }
        // Content may be left out, null or "" beside tool calls.
        return ChatMessage.assistant(content(node.get("content"), where, true), out);
    }

    private ChatMessage tool(JsonNode node, String where) {
        refuse(node, "tool_calls", where, "tool");
        String id = id(node.get("tool_call_id"), where + ".tool_call_id");
        if (!callIds.contains(id)) {
            throw invalid(INVALID_MESSAGE, where + " answers tool call '" + clip(id) + "', which no assistant message "
                    + "before it made", where + ".tool_call_id");
        }
        return ChatMessage.tool(id, content(node.get("content"), where, true));
    }

    /** The text: a non-empty string (or, where allowed, text parts); {@code mayBeEmpty} lets it be absent or "". */
    private String content(JsonNode content, String where, boolean mayBeEmpty) {
        if ((content == null || content.isNull()) && mayBeEmpty) {
            return "";
        }
        String text = null;
        if (content != null && content.isTextual()) {
            text = content.asText();
        } else if (content != null && content.isArray() && rules.contentParts()) {
            text = parts(content, where + ".content");
        }
        if (text == null || !mayBeEmpty && text.isBlank()) {
            throw invalid(INVALID_MESSAGE, where + ".content must be a non-empty string"
                    + (rules.contentParts() ? " or an array of text parts" : ""), where + ".content");
        }
        return text;
    }

    /** Content parts of type {@code text}, joined: other kinds (images, audio) are not sent upstream. */
    private static String parts(JsonNode parts, String where) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode part = parts.get(i);
            if (!part.isObject() || !"text".equals(part.path("type").asText(null))) {
                throw invalid(INVALID_MESSAGE, at + " must be a text part ({\"type\":\"text\",\"text\":...}); "
                        + "other content types are not supported", at + ".type");
            }
            OptionsParser.onlyFields(part, at, "type", "text");
            if (!part.path("text").isTextual()) {
                throw invalid(INVALID_MESSAGE, at + ".text must be a string", at + ".text");
            }
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    private static String id(JsonNode node, String where) {
        if (node == null || !node.isTextual() || node.asText().isEmpty() || node.asText().length() > MAX_ID_CHARS
                || !node.asText().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid(INVALID_MESSAGE, where + " must be 1 to " + MAX_ID_CHARS + " printable ASCII characters",
                    where);
        }
        return node.asText();
    }

    private static void refuse(JsonNode node, String field, String where, String role) {
        if (node.has(field)) {
            throw invalid(INVALID_MESSAGE, where + "." + field + " is not allowed in a " + role + " message",
                    where + "." + field);
        }
    }
}
