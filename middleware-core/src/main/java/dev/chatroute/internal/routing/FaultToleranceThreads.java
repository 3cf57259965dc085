package dev.chatroute.internal.routing;

import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SmallRye Fault Tolerance keeps one timer thread and one executor per class loader, for every
 * guard in it. This gives its executor Chatroute's thread names (daemon threads named
 * {@code chatroute-ft-N}), and stops both when the class loader that holds Chatroute is discarded:
 * SmallRye cannot start them again afterwards, so that is the only safe moment.
 */
public final class FaultToleranceThreads {

    private static final Logger LOG = LoggerFactory.getLogger(FaultToleranceThreads.class);
    private static boolean configured;
    private static boolean used;

    private FaultToleranceThreads() {
    }

    /** Called before any guard is built. */
    static synchronized void beforeFirstGuard() {
        used = true;
        if (configured) {
            return;
        }
        configured = true;
        try {
            StandaloneFaultTolerance.configure(new NamedThreads());
        } catch (IllegalStateException alreadyConfigured) {
            LOG.debug("SmallRye Fault Tolerance was configured by someone else in this class loader");
        }
    }

    /** Stops the library's threads; no guard of this class loader works afterwards. */
    public static synchronized void release() {
        if (!used) {
            return;
        }
        try {
            StandaloneFaultTolerance.shutdown();
            LOG.debug("SmallRye Fault Tolerance threads stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NamedThreads implements Configuration {
        private final AtomicInteger count = new AtomicInteger();
        private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chatroute-ft-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public ExecutorService executor() {
            return executor;
        }

        @Override
        public void onShutdown() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
