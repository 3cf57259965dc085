package dev.chatroute.internal.identity;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code chatroute.clients.<name>.key-sha256} and {@code .roles}: service callers that present
 * {@code Authorization: Bearer <key>}. Only the SHA-256 of each key is configured; a presented
 * bearer is hashed and compared with every configured hash in constant time, with no early exit,
 * so timing tells neither whether nor which one matched. A matching caller is
 * {@code client:<name>}. Keys and hashes are never logged nor put in messages.
 */
public final class ClientKeys {

    /** The user id prefix of a service caller; SSO user names should not start with it. */
    public static final String USER_PREFIX = "client:";

    private static final String PREFIX = "chatroute.clients.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String BEARER = "bearer ";

    private record Client(String name, byte[] hash, Set<String> roles) {
    }

    private final List<Client> clients;

    private ClientKeys(List<Client> clients) {
        this.clients = List.copyOf(clients);
    }

    public static ClientKeys none() {
        return new ClientKeys(List.of());
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }

    /** Reads and checks every client; a bad entry fails naming its key, never its value. */
    public static ClientKeys read(ChatrouteConfig config) {
        Set<String> names = new TreeSet<>();
        for (String key : config.asMap().keySet()) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                if (!NAME.matcher(name).matches()) {
                    throw new InvalidConfigException(key, "'" + name + "' is not a valid client name (letters, "
                            + "digits, - and _)");
                }
                names.add(name);
            }
        }
        List<Client> clients = new ArrayList<>();
        for (String name : names) {
            String hashKey = PREFIX + name + ".key-sha256";
            String hex = config.get(hashKey).map(String::trim).filter(v -> !v.isEmpty())
                    .orElseThrow(() -> new InvalidConfigException(hashKey, "is required for client " + name));
            if (!HEX_SHA256.matcher(hex).matches()) {
                throw new InvalidConfigException(hashKey, "must be the SHA-256 of the client's key as 64 hex digits "
                        + "(the value is not shown)");
            }
            byte[] hash = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
            for (Client other : clients) {
                if (MessageDigest.isEqual(other.hash(), hash)) {
                    throw new InvalidConfigException(hashKey, "is the same as that of client " + other.name()
                            + "; each client needs a key of its own (the value is not shown)");
                }
            }
            clients.add(new Client(name, hash, roles(config, PREFIX + name + ".roles")));
        }
        return new ClientKeys(clients);
    }

    private static Set<String> roles(ChatrouteConfig config, String key) {
        Set<String> roles = new TreeSet<>();
        Optional<String> value = config.get(key).filter(v -> !v.isBlank());
        if (value.isPresent()) {
            for (String part : value.get().split(",")) {
                String role = part.trim();
                if (role.isEmpty()) {
                    throw new InvalidConfigException(key, "must list role names separated by commas");
                }
                roles.add(role);
            }
        }
        return Set.copyOf(roles);
    }

    /**
     * The client whose key the call presents as its single {@code Authorization: Bearer}, or null
     * (no bearer, several Authorization lines, or a bearer that matches no client: it may be the
     * app's own SSO token, which is none of ours).
     */
    public Identity match(HttpCall call) {
        if (clients.isEmpty()) {
            return null;
        }
        List<String> lines = call.headers("Authorization");
        if (lines.size() != 1) {
            return null;
        }
        String line = lines.get(0).trim();
        if (line.length() <= BEARER.length() || !line.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        byte[] presented = sha256(line.substring(BEARER.length()).trim());
        Client found = null;
        for (Client client : clients) { // every one, so that the time taken does not tell which matched
            if (MessageDigest.isEqual(client.hash(), presented) && found == null) {
                found = client;
            }
        }
        return found == null ? null : new Identity(USER_PREFIX + found.name(), found.roles());
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
