package dev.chatroute.internal.pii;

import dev.chatroute.ChatMessage;
import dev.chatroute.internal.errors.ContractError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PiiPolicy} made of one call's messages: the messages to send upstream, the findings by
 * type (for the usage record: counts, never values), and how the answer gets its originals back.
 */
public final class Redaction {

    /** Nothing looked for, nothing found. */
    public static final Redaction NONE = new Redaction(null, Map.of(), Map.of(), false);

    private final List<ChatMessage> messages;
    private final Map<String, Integer> findings;
    private final Map<String, String> originals;
    private final boolean refused;

    Redaction(List<ChatMessage> messages, Map<String, Integer> findings, Map<String, String> originals,
            boolean refused) {
        this.messages = messages;
        this.findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings)); // in type order
        this.originals = Map.copyOf(originals);
        this.refused = refused;
    }

    /** The messages to send upstream; {@code unchanged} when nothing was redacted. */
    public List<ChatMessage> messages(List<ChatMessage> unchanged) {
        return messages == null ? unchanged : messages;
    }

    /** Findings by type name ({@code email}, {@code phone}...), for the usage record. */
    public Map<String, Integer> findings() {
        return findings;
    }

    /** A new restorer for this call's answer: {@link Restorer#NONE} unless originals are to be put back. */
    public Restorer restorer() {
        return originals.isEmpty() ? Restorer.NONE : new Restorer(originals);
    }

    /** In {@code refuse} mode, a call with findings ends here: 400 {@code pii_detected}, the types named. */
    public void refuseIfFound() {
        if (refused) {
            throw ContractError.PII_DETECTED.error("The request contains personal data ("
                    + String.join(", ", findings.keySet())
                    + "), which this server does not send to the model provider; remove it and try again",
                    "messages").toException();
        }
    }
}
