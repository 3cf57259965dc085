package dev.chatroute.sample.bench;

import java.util.Map;
import java.util.TreeMap;

/** Samples a server's RSS and threads every 250 ms during a phase and keeps the peaks. */
final class ServerSampler implements AutoCloseable {

    private final ServerProcess server;
    private final Thread thread;
    private volatile boolean stopped;
    private long peakRssKib;
    private long peakThreads;
    private Map<String, Integer> byPrefixAtPeak = Map.of();

    ServerSampler(ServerProcess server) {
        this.server = server;
        this.thread = new Thread(this::loop, "server-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            try {
                long rss = server.rssKib();
                long threads = server.threads();
                synchronized (this) {
                    peakRssKib = Math.max(peakRssKib, rss);
                    if (threads > peakThreads) {
                        peakThreads = threads;
                        byPrefixAtPeak = server.threadsByPrefix();
                    }
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException gone) {
                return; // the server ended: keep what was seen
            }
        }
    }

    synchronized double peakRssMib() {
        return peakRssKib / 1024.0;
    }

    synchronized long peakThreads() {
        return peakThreads;
    }

    /** The largest groups, e.g. {@code qtp 200, chatroute- 12, ...}. */
    synchronized String topPrefixes() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(byPrefixAtPeak).entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
                .forEach(e -> s.append(s.length() == 0 ? "" : ", ").append('`').append(e.getKey().trim()).append("` ").append(e.getValue()));
        return s.toString();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt(); // it only sleeps and reads /proc: it ends at once
    }
}
