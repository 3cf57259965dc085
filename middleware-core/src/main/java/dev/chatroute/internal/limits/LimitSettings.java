package dev.chatroute.internal.limits;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.config.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongBiFunction;
import java.util.regex.Pattern;

/**
 * The {@code chatroute.limits.*} settings: the limits for everyone, their per-role overrides, and
 * where buckets are kept.
 *
 * @param base the limits of a user in no configured role
 * @param roles each configured role's limits (its own keys laid over {@code base})
 * @param global the limits of all users together ({@code chatroute.limits.global.*}); each off unless set
 * @param store {@code local} (in this JVM) or {@code redis} (shared by every instance of the app)
 * @param redis how to reach Redis, and what to do when it does not answer
 */
public record LimitSettings(Quota base, Map<String, Quota> roles, Quota global, Store store, RedisSettings redis) {

    public static final String PREFIX = "chatroute.limits.";
    static final String ROLE_PREFIX = PREFIX + "role.";
    static final String GLOBAL_PREFIX = PREFIX + "global.";
    private static final long MAX_LIMIT = 1_000_000_000_000L;
    /** A million dollars, in micro-dollars: more than any user's budget, and far from overflowing a bucket. */
    private static final long MAX_SPEND_MICROS = 1_000_000_000_000L;
    /** Plain USD with at most 6 decimals (a micro-dollar): no exponent, no sign, nothing rounded away. */
    private static final Pattern USD = Pattern.compile("\\d{1,7}(\\.\\d{1,6})?");
    private static final Quota DEFAULTS = new Quota(20, 200_000, 2);

    public enum Store { LOCAL, REDIS }

    public enum OnFailure { DENY, ALLOW_LOCAL }

    /**
     * @param uri the Redis URI, which may hold a password; {@code null} unless configured
     * @param safeUri the same URI with any user and password replaced by {@code ***}, for messages
     * @param timeout each Redis command's time limit, so an unreachable Redis answers fast
     */
    public record RedisSettings(Secret uri, String safeUri, OnFailure onFailure, Duration timeout) {
    }

    public LimitSettings {
        roles = Collections.unmodifiableMap(new TreeMap<>(roles));
    }

    /** The defaults of the contract: 20 requests per minute, 200000 tokens per day, 2 calls at once. */
    public static LimitSettings defaults() {
        return new LimitSettings(DEFAULTS, Map.of(), Quota.NONE, Store.LOCAL,
                new RedisSettings(null, null, OnFailure.DENY, Duration.ofMillis(500)));
    }

    public static LimitSettings read(ConfigReader r) {
        Quota base = quota(r, PREFIX, DEFAULTS);
        Map<String, Quota> roles = new TreeMap<>();
        for (String role : roleNames(r)) {
            roles.put(role, quota(r, ROLE_PREFIX + role + ".", base));
        }
        Quota global = new Quota(
                limit(r, GLOBAL_PREFIX + LimitKind.REQUESTS.configName(), Quota.OFF),
                limit(r, GLOBAL_PREFIX + LimitKind.TOKENS.configName(), Quota.OFF),
                limit(r, GLOBAL_PREFIX + LimitKind.STREAMS.configName(), Quota.OFF));
        Store store = r.oneOf(PREFIX + "store", "local", Set.of("local", "redis")).equals("redis")
                ? Store.REDIS : Store.LOCAL;
        OnFailure onFailure = r.oneOf(PREFIX + "redis.on-failure", "deny", Set.of("deny", "allow-local"))
                .equals("deny") ? OnFailure.DENY : OnFailure.ALLOW_LOCAL;
        Duration timeout = r.duration(PREFIX + "redis.timeout", Duration.ofMillis(500));
        Optional<String> uri = r.string(PREFIX + "redis.uri");
        if (store == Store.REDIS && uri.isEmpty()) {
            throw new InvalidConfigException(PREFIX + "redis.uri",
                    "is required when " + PREFIX + "store is redis (for example redis://127.0.0.1:6379)");
        }
        uri.ifPresent(u -> checkUri(PREFIX + "redis.uri", u));
        // The URI may carry Redis's password: checked like a provider key, so a stray line break fails start-up.
        Optional<Secret> secret = uri.map(u -> Secret.of(PREFIX + "redis.uri", u));
        return new LimitSettings(base, roles, global, store, new RedisSettings(secret.orElse(null),
                uri.map(LimitSettings::redact).orElse(null), onFailure, timeout));
    }

    /** The per-user limits under {@code prefix}, each {@code inherited}'s value unless set. */
    private static Quota quota(ConfigReader r, String prefix, Quota inherited) {
        return new Quota(
                limit(r, prefix + LimitKind.REQUESTS.configName(), inherited.requestsPerMinute()),
                limit(r, prefix + LimitKind.TOKENS.configName(), inherited.tokensPerDay()),
                limit(r, prefix + LimitKind.STREAMS.configName(), inherited.concurrentStreams()),
                spend(r, prefix + LimitKind.SPEND_DAY.configName(), inherited.spendPerDay()),
                spend(r, prefix + LimitKind.SPEND_MONTH.configName(), inherited.spendPerMonth()));
    }

    /** The limits of a user in these roles: the most generous value of each among their configured roles. */
    public Quota quotaFor(Set<String> userRoles) {
        Quota quota = null;
        for (String role : userRoles) {
            Quota q = roles.get(role);
            if (q != null) {
                quota = quota == null ? q : quota.mostGenerous(q);
            }
        }
        return quota == null ? base : quota;
    }

    /** The configured role names: the {@code <role>} segments of {@code chatroute.limits.role.<role>.*}. */
    public Set<String> roleNames() {
        return roles.keySet();
    }

    private static Set<String> roleNames(ConfigReader r) {
        Set<String> found = new TreeSet<>();
        for (String key : r.config().asMap().keySet()) {
            if (!key.startsWith(ROLE_PREFIX)) {
                continue;
            }
            String rest = key.substring(ROLE_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String role = dot < 0 ? "" : rest.substring(0, dot);
            String limit = dot < 0 ? rest : rest.substring(dot + 1);
            if (role.isBlank()) {
                throw new InvalidConfigException(key, "names no role; write " + ROLE_PREFIX + "<role>." + limit);
            }
            if (LimitKind.byConfigName(limit) == null) {
                throw new InvalidConfigException(key, "'" + limit + "' is not a limit (known: requests-per-minute,"
                        + " tokens-per-day, concurrent-streams, spend-per-day, spend-per-month)");
            }
            found.add(role);
        }
        return found;
    }

    private static long limit(ConfigReader r, String key, long fallback) {
        return quota(r, key, fallback, LimitSettings::count);
    }

    /** A budget in USD ({@code 5}, {@code 2.50}) as whole micro-dollars, or {@link Quota#OFF}. */
    private static long spend(ConfigReader r, String key, long fallback) {
        return quota(r, key, fallback, LimitSettings::usdMicros);
    }

    /** A limit's setting: {@code fallback} when unset, {@link Quota#OFF} for {@code off}, else {@code parse}d. */
    private static long quota(ConfigReader r, String key, long fallback, ToLongBiFunction<String, String> parse) {
        Optional<String> value = r.string(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().trim();
        if (text.toLowerCase(Locale.ROOT).equals("off")) {
            return Quota.OFF;
        }
        return parse.applyAsLong(key, text);
    }

    private static long count(String key, String text) {
        try {
            long parsed = Long.parseLong(text);
            if (parsed < 1 || parsed > MAX_LIMIT) {
                throw ConfigReader.bad(key, text, "must be between 1 and " + MAX_LIMIT + ", or off");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ConfigReader.bad(key, text, "is not a whole number (or off)");
        }
    }

    private static long usdMicros(String key, String text) {
        if (!USD.matcher(text).matches()) {
            throw ConfigReader.bad(key, text, "is not an amount of US dollars such as 5 or 2.50 (at most 6 decimals),"
                    + " or off");
        }
        long micros = new BigDecimal(text).movePointRight(6).longValueExact();
        if (micros < 1 || micros > MAX_SPEND_MICROS) {
            throw ConfigReader.bad(key, text, "must be more than 0 and at most 1000000 (USD), or off");
        }
        return micros;
    }

    private static void checkUri(String key, String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw ConfigReader.bad(key, redact(uri), "is not a URI (write it as redis://host:6379)");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw ConfigReader.bad(key, redact(uri), "must start with redis:// or rediss://");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw ConfigReader.bad(key, redact(uri), "names no host (write it as redis://host:6379)");
        }
    }

    /** The URI with whatever stands between {@code ://} and the last {@code @} (user, password) hidden. */
    static String redact(String uri) {
        int start = uri.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = uri.lastIndexOf('@');
        if (at < start) {
            return uri;
        }
        return uri.substring(0, start) + "***" + uri.substring(at);
    }

    @Override
    public String toString() {
        return "LimitSettings[base=" + base + ", roles=" + roles + ", global=" + global + ", store=" + store
                + (redis.safeUri() == null ? "" : ", redis=" + redis.safeUri()) + "]";
    }
}
