package dev.chatroute.internal.openai;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Collects a whole response body of at most {@code limit} bytes. A larger one (or one whose
 * {@code Content-Length} says it will be) is not read further: the subscription is cancelled, which
 * closes the connection, and {@code tooLarge} runs instead of {@code whole}.
 */
final class BoundedBody implements BodySubscriber<Void> {

    private final int limit;
    private final long declaredLength;
    private final Consumer<Flow.Subscription> subscribed;
    private final Consumer<byte[]> whole;
    private final Runnable tooLarge;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] bytes = new byte[0];
    private int length;

    /**
     * @param declaredLength the body's {@code Content-Length}, or -1
     * @param subscribed told of the subscription first, so that the call can cancel it (and may at once)
     */
    BoundedBody(int limit, long declaredLength, Consumer<Flow.Subscription> subscribed, Consumer<byte[]> whole,
            Runnable tooLarge) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.subscribed = subscribed;
        this.whole = whole;
        this.tooLarge = tooLarge;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        subscribed.accept(s);
        if (declaredLength > limit) {
            overflow();
            return;
        }
        bytes = new byte[(int) Math.min(limit, declaredLength >= 0 ? declaredLength : 8192)];
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (done.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int n = buffer.remaining();
            if (n > limit - length) {
                overflow();
                return;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(length + n, 2L * bytes.length)));
            }
            buffer.get(bytes, length, n);
            length += n;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        if (done.complete(null)) {
            whole.accept(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    private void overflow() {
        subscription.cancel();
        bytes = null;
        if (done.complete(null)) {
            tooLarge.run();
        }
    }
}
