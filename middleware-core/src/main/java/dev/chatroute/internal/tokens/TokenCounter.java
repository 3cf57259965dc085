package dev.chatroute.internal.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chatroute.ChatMessage;
import java.util.List;

/**
 * Estimates tokens with the o200k encoding (GPT-4o's). Other models tokenize differently, so
 * this is an estimate: close enough to enforce limits before a call and to count output when a
 * provider reports no usage.
 */
public final class TokenCounter {

    // OpenAI's documented per-message framing overhead, and the tokens that prime the reply.
    private static final int PER_MESSAGE = 4;
    private static final int REPLY_PRIMING = 3;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public int count(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /**
     * The longest start of {@code text} that is at most {@code maxTokens} tokens, never ending inside
     * a character.
     */
    public String prefix(String text, int maxTokens) {
        if (maxTokens <= 0 || text.isEmpty()) {
            return "";
        }
        EncodingResult encoded = encoding.encodeOrdinary(text, maxTokens);
        if (!encoded.isTruncated()) {
            return text;
        }
        String decoded = encoding.decode(encoded.getTokens());
        if (text.startsWith(decoded)) {
            return decoded;
        }
        int end = Math.min(text.length(), encoded.getLastProcessedCharacterIndex() + 1);
        return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? text.substring(0, end - 1)
                : text.substring(0, Math.max(0, end));
    }

    /** A running count of an answer's tokens, stopped at {@code cap}: see {@link OutputTally}. */
    public OutputTally tally(long cap) {
        return new OutputTally(this, cap);
    }

    public int countInput(List<ChatMessage> messages) {
        int total = REPLY_PRIMING;
        for (ChatMessage m : messages) {
            total += PER_MESSAGE + count(m.role()) + count(m.content());
            for (dev.chatroute.ToolCall call : m.toolCalls()) {
                total += count(call.name()) + count(call.arguments());
            }
        }
        return total;
    }

    /** The tool definitions a request sends: the provider counts them as input too. */
    public int countTools(List<String> tools) {
        int total = 0;
        for (String tool : tools) {
            total += count(tool);
        }
        return total;
    }
}
