package dev.chatroute.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Races for the limit tests: a task on {@code n} threads at once, released together. */
final class AtOnce {

    interface Task {
        void run() throws Exception;
    }

    private AtOnce() {
    }

    /** Runs {@code task} on {@code n} threads that all start at the same moment; rethrows the first failure. */
    static void run(int n, Task task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(threads.submit(() -> {
                    go.await();
                    task.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
