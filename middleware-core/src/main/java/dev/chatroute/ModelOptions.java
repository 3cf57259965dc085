package dev.chatroute;

import java.util.List;

/**
 * The caller's model parameters beyond the text: tools and structured output, in the OpenAI chat
 * completions shapes. JSON-valued options are kept as the validated JSON text, forwarded upstream
 * as written.
 *
 * @param tools each tool definition as JSON text ({@code {"type":"function","function":{...}}})
 * @param toolChoice JSON text ({@code "auto"}, {@code "none"}, {@code "required"} or an object), or null
 * @param parallelToolCalls null to leave the provider's default
 * @param responseFormat JSON text ({@code {"type":"json_object"}}, {@code {"type":"json_schema",...}}), or null
 * @param stop at most 4 stop sequences; empty for none
 * @param topP null to leave the provider's default
 * @param seed null for none
 */
public record ModelOptions(List<String> tools, String toolChoice, Boolean parallelToolCalls, String responseFormat,
        List<String> stop, Double topP, Long seed) {

    /** No options: the provider's defaults, no tools. */
    public static final ModelOptions NONE = new ModelOptions(List.of(), null, null, null, List.of(), null, null);

    public ModelOptions {
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public boolean hasTools() {
        return !tools.isEmpty();
    }
}
