package dev.chatroute.internal.openai;

import dev.chatroute.Usage;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What a provider call told its listener, as lines: {@code text T}, {@code tool I|ID|NAME|ARGS} (null id
 * and name written as {@code -}), then {@code finish R} or {@code error KIND message}.
 */
final class RecordingListener implements ProviderListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> end = new CompletableFuture<>();

    @Override
    public void onDelta(String text) {
        events.add("text " + text);
    }

    @Override
    public void onToolCall(int index, String id, String name, String argumentsDelta) {
        events.add("tool " + index + "|" + (id == null ? "-" : id) + "|" + (name == null ? "-" : name) + "|"
                + argumentsDelta);
    }

    @Override
    public void onUsage(Usage usage) {
    }

    @Override
    public void onComplete(String finishReason) {
        events.add("finish " + finishReason);
        end.complete(finishReason);
    }

    @Override
    public void onError(ProviderException failure) {
        events.add("error " + failure.kind() + " " + failure.getMessage());
        end.complete("error");
    }

    /** Waits for the terminal callback, then returns every line. */
    List<String> await(Duration limit) {
        try {
            end.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call did not end within " + limit.toMillis() + "ms; saw " + events);
        }
        return List.copyOf(events);
    }
}
