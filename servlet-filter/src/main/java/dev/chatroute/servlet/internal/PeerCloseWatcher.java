package dev.chatroute.servlet.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells when the peer of an HTTP/1.1 connection closes it while its request waits for an answer.
 * The socket is registered for reads with a selector of our own (a channel may sit in several
 * selectors), and is never read: once the request body is consumed, a socket that becomes readable
 * before the answer is written has seen the client's FIN or RST (browsers never pipeline requests).
 * One daemon thread per class loader selects while some call is watched, and ends when none is, so
 * nothing outlives an undeploy.
 */
final class PeerCloseWatcher {

    private static final Object LOCK = new Object();
    private static final Queue<Watch> PENDING = new ConcurrentLinkedQueue<>();
    private static Selector selector;

    private PeerCloseWatcher() {
    }

    /** Runs {@code onGone} once if the peer closes; the returned action stops watching. */
    static Runnable watch(SocketChannel channel, Runnable onGone) {
        Watch watch = new Watch(channel, onGone);
        Selector s;
        synchronized (LOCK) {
            if (selector == null) {
                try {
                    selector = Selector.open();
                } catch (IOException e) {
                    return () -> { }; // no selector: the portable signals alone
                }
                Selector started = selector;
                Thread thread = new Thread(() -> run(started), "chatroute-disconnect-watch");
                thread.setDaemon(true);
                thread.start();
            }
            PENDING.add(watch);
            s = selector;
        }
        s.wakeup();
        return () -> watch.stop(s);
    }

    private static void run(Selector s) {
        try {
            while (true) {
                for (Watch w = PENDING.poll(); w != null; w = PENDING.poll()) {
                    w.register(s);
                }
                s.select();
                for (SelectionKey key : s.selectedKeys()) {
                    key.cancel();
                    ((Watch) key.attachment()).gone();
                }
                s.selectedKeys().clear();
                synchronized (LOCK) {
                    if (PENDING.isEmpty() && s.keys().stream().noneMatch(SelectionKey::isValid)) {
                        selector = null;
                        s.close();
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (LOCK) {
                if (selector == s) {
                    selector = null;
                }
            }
            PENDING.forEach(w -> w.done.set(true));
            PENDING.clear();
        }
    }

    private static final class Watch {
        private final SocketChannel channel;
        private final Runnable onGone;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile SelectionKey key;

        Watch(SocketChannel channel, Runnable onGone) {
            this.channel = channel;
            this.onGone = onGone;
        }

        void register(Selector s) {
            if (done.get()) {
                return;
            }
            try {
                key = channel.register(s, SelectionKey.OP_READ, this);
                if (done.get()) {
                    key.cancel(); // stopped while registering
                }
            } catch (ClosedChannelException e) {
                gone(); // closed before we looked: the container saw it go
            } catch (IllegalBlockingModeException | IllegalArgumentException e) {
                done.set(true); // not a channel we can watch
            }
        }

        void gone() {
            if (done.compareAndSet(false, true)) {
                onGone.run();
            }
        }

        void stop(Selector s) {
            if (done.compareAndSet(false, true)) {
                SelectionKey k = key;
                if (k != null) {
                    k.cancel();
                }
                s.wakeup(); // lets the thread end when nothing is watched
            }
        }
    }
}
