package dev.chatroute.internal.config;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.UnknownSettingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every {@code chatroute.*} key Chatroute knows, so that a typo fails start-up instead of being
 * silently ignored. A key is exact ({@code chatroute.limits.store}) or a template whose
 * {@code <placeholders>} stand for a name: one segment for provider, alias and client names
 * (which have no dots), one or more for a role or a header name.
 *
 * <p>{@link #RESERVED} keys are named by the contract for features of later versions: they do not
 * fail start-up, but each one set is logged at WARN as having no effect yet. When one is
 * implemented, move it to {@link #ACTIVE}.
 */
public final class KnownKeys {

    /** Keys read by this version, adapters' init-params and context-params included. */
    static final List<String> ACTIVE = List.of(
            // where the configuration comes from, and how the adapters mount the route
            "chatroute.config", "chatroute.defaults", "chatroute.enabled", "chatroute.mode", "chatroute.path",
            // providers and models
            "chatroute.providers.<name>.type", "chatroute.providers.<name>.base-url",
            "chatroute.providers.<name>.api-key", "chatroute.providers.<name>.profile",
            "chatroute.providers.<name>.token-delay", "chatroute.providers.<name>.prices",
            "chatroute.providers.<name>.headers.<Header-Name>", "chatroute.providers.<name>.proxy",
            "chatroute.providers.<name>.truststore", "chatroute.providers.<name>.truststore-password",
            "chatroute.providers.<name>.capabilities",
            "chatroute.models.<alias>", "chatroute.models.<alias>.strategy", "chatroute.models.<alias>.weights",
            "chatroute.models.<alias>.costs", "chatroute.models.<alias>.roles",
            "chatroute.system-prompt",
            // input and output
            "chatroute.input.max-bytes", "chatroute.input.max-tokens", "chatroute.input.max-messages",
            "chatroute.input.allow-system-messages", "chatroute.output.max-tokens",
            // routing
            "chatroute.retry.max-attempts", "chatroute.retry.initial-delay", "chatroute.retry.max-delay",
            "chatroute.retry.max-retry-after", "chatroute.retry.budget-ratio", "chatroute.retry.budget-min-retries",
            "chatroute.retry.budget-window",
            "chatroute.circuit-breaker.failure-threshold", "chatroute.circuit-breaker.delay",
            "chatroute.timeouts.connect", "chatroute.timeouts.first-token", "chatroute.timeouts.idle",
            "chatroute.timeouts.total", "chatroute.stream.keepalive", "chatroute.shutdown.grace",
            "chatroute.upstream.max-line-bytes",
            // who is calling, and from where
            "chatroute.identity", "chatroute.identity.header", "chatroute.identity.roles-header",
            "chatroute.identity.trusted-proxies", "chatroute.identity.anonymous.ipv6-prefix",
            "chatroute.csrf.allowed-origins", "chatroute.csrf.allowed-hosts",
            // limits
            "chatroute.limits.requests-per-minute", "chatroute.limits.tokens-per-day",
            "chatroute.limits.concurrent-streams",
            "chatroute.limits.role.<role>.requests-per-minute", "chatroute.limits.role.<role>.tokens-per-day",
            "chatroute.limits.role.<role>.concurrent-streams",
            "chatroute.limits.spend-per-day", "chatroute.limits.spend-per-month",
            "chatroute.limits.role.<role>.spend-per-day", "chatroute.limits.role.<role>.spend-per-month",
            "chatroute.limits.global.requests-per-minute", "chatroute.limits.global.tokens-per-day",
            "chatroute.limits.global.concurrent-streams",
            "chatroute.limits.store", "chatroute.limits.redis.uri", "chatroute.limits.redis.on-failure",
            "chatroute.limits.redis.timeout",
            // personal data
            "chatroute.pii.mode", "chatroute.pii.types", "chatroute.pii.restore", "chatroute.pii.phone-regions",
            // the usage ledger
            "chatroute.ledger", "chatroute.ledger.retention", "chatroute.ledger.jdbc.url",
            "chatroute.ledger.jdbc.user", "chatroute.ledger.jdbc.password", "chatroute.ledger.datasource",
            "chatroute.ledger.create-table",
            // who may read usage reports and scrape metrics (the sample's /admin and /metrics pages)
            "chatroute.admin-role", "chatroute.metrics.allowed-addresses",
            // service callers with keys of their own (Authorization: Bearer)
            "chatroute.clients.<name>.key-sha256", "chatroute.clients.<name>.roles",
            // the OpenAI-compatible facade
            "chatroute.openai.enabled", "chatroute.openai.path");

    /** Keys the contract reserves for later versions (CONTRACT §2): accepted, with a warning. */
    static final List<String> RESERVED = List.of();

    private static final List<Template> ACTIVE_TEMPLATES = ACTIVE.stream().map(Template::new).toList();
    private static final List<Template> RESERVED_TEMPLATES = RESERVED.stream().map(Template::new).toList();
    private static final List<Template> ALL_TEMPLATES =
            Stream.concat(ACTIVE_TEMPLATES.stream(), RESERVED_TEMPLATES.stream()).toList();

    private KnownKeys() {
    }

    /** How a key stands: read by this version, reserved for a later one, or unknown. */
    public enum Status { ACTIVE, RESERVED, UNKNOWN }

    public static Status status(String key) {
        if (ACTIVE_TEMPLATES.stream().anyMatch(t -> t.matches(key))) {
            return Status.ACTIVE;
        }
        return RESERVED_TEMPLATES.stream().anyMatch(t -> t.matches(key)) ? Status.RESERVED : Status.UNKNOWN;
    }

    /**
     * Fails on the first unknown {@code chatroute.*} key (in sorted order), naming it and the nearest
     * known key; never the value, which may be a secret. Keys outside {@code chatroute.} are not ours.
     *
     * @return the reserved keys that are set, for the caller to warn about
     * @throws UnknownSettingException for a key no version of Chatroute knows
     */
    public static List<String> check(ChatrouteConfig config) {
        List<String> reserved = new ArrayList<>();
        for (String key : config.asMap().keySet()) {
            if (!key.startsWith(ChatrouteConfig.PREFIX)) {
                continue;
            }
            switch (status(key)) {
                case ACTIVE -> { }
                case RESERVED -> reserved.add(key);
                case UNKNOWN -> throw new UnknownSettingException(key, nearest(key).orElse(null));
            }
        }
        return reserved;
    }

    /** The known key closest to {@code key} by edit distance, its placeholders filled from {@code key}. */
    static Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Template t : ALL_TEMPLATES) {
            String candidate = t.filledFrom(key);
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A known key as segments; a {@code <placeholder>} segment matches a name. */
    private static final class Template {
        private final String[] segments;
        private final Pattern pattern;

        Template(String text) {
            this.segments = text.split("\\.");
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                regex.append(i == 0 ? "" : "\\.");
                regex.append(!isPlaceholder(segments[i]) ? Pattern.quote(segments[i])
                        : spansSegments(segments[i]) ? "[^.]+(?:\\.[^.]+)*" : "[^.]+");
            }
            this.pattern = Pattern.compile(regex.toString());
        }

        boolean matches(String key) {
            return pattern.matcher(key).matches();
        }

        /**
         * This template with its placeholders taken from the same positions of {@code key} (a name
         * that may hold dots takes every segment up to the literal ones after it), so that
         * {@code chatroute.providers.openai.bse-url} is compared with
         * {@code chatroute.providers.openai.base-url}.
         */
        String filledFrom(String key) {
            String[] parts = key.split("\\.", -1);
            StringJoiner filled = new StringJoiner(".");
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (!isPlaceholder(segment)) {
                    filled.add(segment);
                    continue;
                }
                int end = spansSegments(segment) ? parts.length - (segments.length - 1 - i) : i + 1;
                filled.add(i < end && end <= parts.length ? String.join(".", Arrays.copyOfRange(parts, i, end))
                        : segment);
            }
            return filled.toString();
        }

        private static boolean isPlaceholder(String segment) {
            return segment.startsWith("<") && segment.endsWith(">");
        }

        /** Role and header names may contain dots; provider, alias and client names may not. */
        private static boolean spansSegments(String placeholder) {
            return placeholder.equals("<role>") || placeholder.equals("<Header-Name>");
        }
    }
}
