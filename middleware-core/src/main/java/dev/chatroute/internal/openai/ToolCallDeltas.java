package dev.chatroute.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.internal.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns one answer's tool-call pieces, in whatever shape the provider sends them, into the normalised
 * pieces of {@code ProviderListener.onToolCall}: our own index per call (0, 1, ...), the id and name
 * on a call's first piece only, then argument text as it comes. The shapes seen in the wild:
 * <ul>
 * <li>OpenAI, Groq, DeepSeek, Together, OpenRouter, Azure: a first piece with {@code index}, {@code id}
 *     and {@code function.name} (arguments {@code ""}), then pieces with only {@code index} and
 *     argument text, split anywhere (mid-escape too); several calls interleave by {@code index}.</li>
 * <li>Gemini's OpenAI layer: no {@code index}, each call whole in one piece with an id such as
 *     {@code function-call-...} (issues open-webui/computer#224, THU-MAIC/OpenMAIC#1556), sometimes
 *     arguments continued in later index-less, id-less pieces.</li>
 * <li>Mistral: every call whole in one chunk, several calls in one delta each with its own
 *     {@code index} (comet-ml/opik#7385, microsoft/semantic-kernel#6316).</li>
 * <li>vLLM and lmdeploy/sglang: later pieces repeat the id, or send {@code id: ""}; vLLM may start a
 *     second call at {@code index} 0 again under a new id (InternLM/lmdeploy#3412).</li>
 * <li>TGI and Ollama: {@code arguments} as a JSON object rather than a string, in JSON answers.</li>
 * </ul>
 * Pieces are read one chunk at a time by one thread (see {@link OpenAiCall}), so no lock is needed.
 */
final class ToolCallDeltas {

    /** The most distinct calls one answer may carry. */
    static final int MAX_CALLS = 128;
    /** The most argument text held back for calls whose name has not come yet. */
    static final int MAX_PENDING_CHARS = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}"); // OpenAI's rule for function names
    private static final Pattern ID = Pattern.compile("[\\x20-\\x7e]{1,256}");

    /** Where normalised pieces go: {@code ProviderListener::onToolCall}. */
    interface Sink {
        void piece(int index, String id, String name, String argumentsDelta);
    }

    /** A bound was passed, or a call can never be told: the try fails as a protocol error. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Call {
        String id;
        boolean generatedId;
        String name;
        int index = -1; // ours, given when the first piece is passed on
        StringBuilder pending = new StringBuilder(); // arguments that came before the name
    }

    private final Sink sink;
    private final Map<Integer, Call> byIndex = new HashMap<>();
    private final Map<String, Call> byId = new HashMap<>();
    private final java.util.List<Call> calls = new java.util.ArrayList<>();
    private Call last;
    private int told;
    private int pendingChars;

    ToolCallDeltas(Sink sink) {
        this.sink = sink;
    }

    /** A stream chunk's {@code choices[0].delta.tool_calls}. */
    void stream(JsonNode pieces) throws Refused {
        if (pieces != null && pieces.isArray()) {
            for (JsonNode piece : pieces) {
                if (piece.isObject()) {
                    accept(piece, callFor(piece));
                }
            }
        }
    }

    /** A JSON answer's {@code message.tool_calls}: each element is a whole call, whatever its index says. */
    void answer(JsonNode calls) throws Refused {
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                if (call.isObject()) {
                    accept(call, newCall());
                }
            }
        }
    }

    /**
     * The finish reason to report. A provider that called tools but says {@code "stop"} (Gemini's
     * OpenAI layer does in streams: googleapis/python-genai#2868), or says nothing, still ended its
     * turn to have them run; clients branch on {@code "tool_calls"} to do so.
     */
    String finishReason(String reported) {
        return told > 0 && (reported == null || reported.equals("stop")) ? "tool_calls" : reported;
    }

    /** Why the answer cannot be passed on as complete, or null: a call whose name never came. */
    String unfinished() {
        return calls.stream().anyMatch(c -> c.index < 0) ? "sent a tool call without a name" : null;
    }

    private Call callFor(JsonNode piece) throws Refused {
        JsonNode rawIndex = piece.get("index");
        String id = text(piece.get("id"));
        if (rawIndex != null && rawIndex.isIntegralNumber() && rawIndex.canConvertToInt()) {
            int index = rawIndex.intValue();
            Call c = byIndex.get(index);
            // The same index under another id is a new call (vLLM), unless the call had no id of its own yet.
            if (c != null && (id == null || c.id == null || id.equals(c.id) || c.generatedId)) {
                return c;
            }
            Call fresh = newCall();
            byIndex.put(index, fresh);
            return fresh;
        }
        if (id != null) {
            Call known = byId.get(id);
            return known != null ? known : newCall();
        }
        // No index and no id (Gemini continuing a call's arguments): the call in progress.
        return last != null ? last : newCall();
    }

    private Call newCall() throws Refused {
        if (calls.size() == MAX_CALLS) {
            throw new Refused("sent more than " + MAX_CALLS + " tool calls in one answer");
        }
        Call c = new Call();
        calls.add(c);
        last = c;
        return c;
    }

    private void accept(JsonNode piece, Call c) throws Refused {
        String id = text(piece.get("id"));
        if (id != null && c.index < 0 && (c.id == null || c.generatedId)) {
            if (!ID.matcher(id).matches()) {
                throw new Refused("sent a tool call id that is not 1 to 256 printable ASCII characters");
            }
            c.id = id;
            c.generatedId = false;
            byId.put(id, c);
        }
        JsonNode function = piece.path("function");
        String name = text(function.get("name"));
        if (name != null && c.name == null) {
            if (!NAME.matcher(name).matches()) {
                throw new Refused("sent a tool call name that is not 1 to 64 of A-Z, a-z, 0-9, _ and -");
            }
            c.name = name; // a name repeated on later pieces (some servers do) is not a second call
        }
        String arguments = arguments(function.get("arguments"));
        if (c.index >= 0) {
            if (!arguments.isEmpty()) {
                sink.piece(c.index, null, null, arguments);
            }
            return;
        }
        if (c.name == null) {
            // The name may come on a later piece; until then nothing can be told.
            pendingChars += arguments.length();
            if (pendingChars > MAX_PENDING_CHARS) {
                throw new Refused("sent over " + MAX_PENDING_CHARS + " characters of tool call arguments before the "
                        + "call's name");
            }
            c.pending.append(arguments);
            return;
        }
        if (c.id == null) {
            // A first piece without an id (some local servers): the client still needs one to answer the call
            // with, and it must stay the same for every piece, so it is made here once.
            c.id = "call_" + UUID.randomUUID().toString().replace("-", "");
            c.generatedId = true;
        }
        c.index = told++;
        pendingChars -= c.pending.length();
        String first = c.pending.append(arguments).toString();
        c.pending = null;
        sink.piece(c.index, c.id, c.name, first);
    }

    /** A non-empty string, or null (absent, null, {@code ""} as vLLM sends on later pieces, or not text). */
    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    /** The arguments' text: a string as OpenAI sends it, or the JSON of an object (TGI, Ollama). */
    private static String arguments(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isTextual() ? node.asText() : Json.write(node);
    }
}
