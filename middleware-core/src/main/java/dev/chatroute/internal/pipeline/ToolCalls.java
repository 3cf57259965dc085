package dev.chatroute.internal.pipeline;

import dev.chatroute.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The tool calls of one answer, gathered piece by piece for its JSON form. The provider side has
 * already normalised the pieces (id and name first, at most 128 calls), so this only joins them.
 * Used on the call's loop only.
 */
final class ToolCalls {

    private final TreeMap<Integer, Gathering> byIndex = new TreeMap<>();

    private static final class Gathering {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    void add(int index, String id, String name, String argumentsDelta) {
        Gathering call = byIndex.computeIfAbsent(index, i -> new Gathering());
        if (id != null && call.id == null) {
            call.id = id;
        }
        if (name != null && call.name == null) {
            call.name = name;
        }
        call.arguments.append(argumentsDelta);
    }

    /** The calls in index order; one whose provider never named it has an empty name. */
    List<ToolCall> calls() {
        List<ToolCall> out = new ArrayList<>(byIndex.size());
        byIndex.forEach((index, call) -> out.add(new ToolCall(call.id == null ? "call_" + index : call.id,
                call.name == null ? "" : call.name, call.arguments.toString())));
        return out;
    }
}
