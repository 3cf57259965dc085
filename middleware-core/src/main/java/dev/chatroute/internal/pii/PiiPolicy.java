package dev.chatroute.internal.pii;

import dev.chatroute.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code chatroute.pii.*} applied to a call's messages (the client's, or the application's for a
 * call made in code; never the server's own system prompt, which is the operator's text): looked for
 * in {@code redact} and {@code refuse} mode, replaced by placeholders in {@code redact} mode. Built
 * once at start-up; safe for every call at once.
 */
public final class PiiPolicy {

    private final PiiSettings settings;
    private final Scanner scanner;

    public PiiPolicy(PiiSettings settings) {
        this.settings = settings;
        this.scanner = settings.active() ? new Scanner(settings.types(), settings.phoneRegions()) : null;
    }

    public Redaction apply(List<ChatMessage> messages) {
        if (scanner == null) {
            return Redaction.NONE;
        }
        Redactor redactor = new Redactor(scanner, messages.stream().map(ChatMessage::content).toList());
        List<ChatMessage> redacted = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            String content = redactor.redact(message.content());
            redacted.add(content.equals(message.content()) ? message : message.withContent(content));
        }
        if (redactor.originals().isEmpty()) {
            return Redaction.NONE;
        }
        if (settings.mode() == PiiSettings.Mode.REFUSE) {
            return new Redaction(null, redactor.counts(), Map.of(), true);
        }
        return new Redaction(List.copyOf(redacted), redactor.counts(),
                settings.restore() ? redactor.originals() : Map.of(), false);
    }
}
