package dev.chatroute.internal.config;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed, validated reads of a {@link ChatrouteConfig}; every failure names the key and value. */
public final class ConfigReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,19})\\s*(b|kib|mib|gib)?");

    private final ChatrouteConfig config;

    public ConfigReader(ChatrouteConfig config) {
        this.config = config;
    }

    public ChatrouteConfig config() {
        return config;
    }

    public Optional<String> string(String key) {
        return config.get(key).filter(v -> !v.isEmpty());
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw bad(key, value.get(), "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(key, value.get(), "is not a whole number");
        }
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> value = string(key).map(v -> v.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, value.get(), "must be true or false");
        };
    }

    public Duration duration(String key, Duration fallback) {
        Optional<String> value = string(key);
        return value.map(v -> parseDuration(key, v)).orElse(fallback);
    }

    /**
     * A size in bytes: a plain number ({@code 1048576}) or one with a binary unit ({@code 512KiB},
     * {@code 1MiB}, {@code 1GiB}; {@code B} too). Decimal units ({@code MB}) are refused rather than
     * guessed at.
     */
    public long byteSize(String key, long fallback, long min, long max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return fallback;
        }
        long parsed = parseByteSize(key, value.get());
        if (parsed < min || parsed > max) {
            throw bad(key, value.get(), "must be between " + formatBytes(min) + " and " + formatBytes(max));
        }
        return parsed;
    }

    /** Parses {@code 1048576}, {@code 512KiB}, {@code 1MiB} or {@code 1GiB}. */
    public static long parseByteSize(String key, String text) {
        Matcher m = BYTE_SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(key, text, "is not a size in bytes (write it as 1048576, 512KiB or 1MiB)");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(key, text, "is too large");
        }
    }

    /** A size for messages: {@code 1MiB}, {@code 512KiB}, or plain bytes when it is neither. */
    public static String formatBytes(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return Long.toString(bytes);
    }

    public String oneOf(String key, String fallback, Set<String> allowed) {
        String value = string(key, fallback);
        if (!allowed.contains(value)) {
            throw bad(key, value, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    /** Parses {@code 500ms}, {@code 15s}, {@code 2m} or {@code 1h}. */
    public static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(key, text, "is not a duration (write it as 500ms, 15s, 2m or 1h)");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw bad(key, text, "is too large");
        }
        Duration d;
        try {
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            d.toNanos(); // timers are scheduled in nanoseconds: a longer one would fail every call, not start-up
        } catch (ArithmeticException e) {
            throw bad(key, text, "is too large");
        }
        if (d.isZero()) {
            throw bad(key, text, "must be longer than zero");
        }
        return d;
    }

    /** The inverse of {@link #parseDuration}, for messages: {@code 30s}, {@code 500ms}, {@code 2m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    public static InvalidConfigException bad(String key, String value, String problem) {
        return new InvalidConfigException(key, "'" + value + "' " + problem);
    }
}
