package dev.chatroute.internal.guard;

import dev.chatroute.internal.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chatroute.csrf.allowed-hosts}: the hosts the application answers for, each {@code host}
 * (any port) or {@code host:port}, comma-separated; empty means any host. A port-less request host
 * has its scheme's default port.
 */
public final class AllowedHosts {

    private final List<HostPort> hosts;

    private AllowedHosts(List<HostPort> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    public static AllowedHosts parse(String key, String value) {
        List<HostPort> hosts = new ArrayList<>();
        for (String part : value.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            HostPort host = HostPort.parse(entry);
            if (host == null) {
                throw ConfigReader.bad(key, value, "must list hosts such as app.example.com or app.example.com:8443 "
                        + "(no scheme, no path); '" + entry + "' is not one");
            }
            hosts.add(host);
        }
        return new AllowedHosts(hosts);
    }

    boolean isAny() {
        return hosts.isEmpty();
    }

    boolean allows(SiteOrigin called) {
        for (HostPort allowed : hosts) {
            if (allowed.host().equals(called.host()) && (allowed.port() == HostPort.NONE || allowed.port() == called.port())) {
                return true;
            }
        }
        return false;
    }
}
