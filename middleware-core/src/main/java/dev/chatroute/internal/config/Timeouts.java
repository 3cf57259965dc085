package dev.chatroute.internal.config;

import java.time.Duration;

/**
 * The four limits on a provider call (CONTRACT §2), how often an idle stream is kept alive, and how
 * long live calls may finish when the gateway closes.
 */
public record Timeouts(Duration connect, Duration firstToken, Duration idle, Duration total, Duration keepalive,
        Duration shutdownGrace) {

    static Timeouts read(ConfigReader r) {
        return new Timeouts(
                r.duration("chatroute.timeouts.connect", Duration.ofSeconds(5)),
                r.duration("chatroute.timeouts.first-token", Duration.ofSeconds(30)),
                r.duration("chatroute.timeouts.idle", Duration.ofSeconds(30)),
                r.duration("chatroute.timeouts.total", Duration.ofSeconds(120)),
                r.duration("chatroute.stream.keepalive", Duration.ofSeconds(15)),
                r.duration("chatroute.shutdown.grace", Duration.ofSeconds(10)));
    }
}
