package dev.chatroute.tools;

import dev.chatroute.Usage;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider written in code, as an application may add one: it answers every call with the tool-call
 * pieces it was given, already normalised (that is the provider side's job), and says which
 * capabilities it has.
 */
final class ScriptedToolProvider implements ChatProvider {

    record Piece(int index, String id, String name, String argumentsDelta) {
    }

    private final String name;
    private final Set<Capability> capabilities;
    private final List<Piece> pieces;
    final List<ProviderRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedToolProvider(String name, Set<Capability> capabilities, List<Piece> pieces) {
        this.name = name;
        this.capabilities = capabilities;
        this.pieces = pieces;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    @Override
    public ProviderCall call(ProviderRequest request, ProviderListener listener) {
        requests.add(request);
        for (Piece p : pieces) {
            listener.onToolCall(p.index(), p.id(), p.name(), p.argumentsDelta());
        }
        listener.onUsage(new Usage(40, 12));
        listener.onComplete(pieces.isEmpty() ? "stop" : "tool_calls");
        return () -> { };
    }
}
