package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.ChatMessage;
import dev.chatroute.Usage;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** A provider bean: answers with what it was sent, word by word; the model {@code broken} fails. */
@ApplicationScoped
public class EchoProvider implements ChatProvider {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public ProviderCall call(ProviderRequest request, ProviderListener listener) {
        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
            if (request.model().equals("broken")) {
                listener.onError(new ProviderException("echo", ProviderException.Kind.HTTP_STATUS, 503, null,
                        "the echo is out of order", null));
                return;
            }
            String text = "echo of " + request.messages().stream()
                    .map(m -> "[" + m.role() + "] " + m.content()).collect(Collectors.joining(" "));
            List<String> pieces = request.stream() ? List.of(text.split("(?<= )")) : List.of(text);
            pieces.forEach(listener::onDelta);
            listener.onUsage(new Usage(request.messages().stream().map(ChatMessage::content).mapToInt(String::length).sum(),
                    text.length()));
            listener.onComplete("stop");
        });
        return () -> answer.cancel(false);
    }
}
