package dev.chatroute.spi;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the key that limits and usage records use, and which of the configured roles
 * the caller holds.
 *
 * @param user a stable identifier: the SSO user name, or {@code anon:<address>} for anonymous callers
 * @param roles the configured role names this caller is in
 */
public record Identity(String user, Set<String> roles) {

    public Identity {
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
    }

    public static Identity of(String user) {
        return new Identity(user, Set.of());
    }
}
