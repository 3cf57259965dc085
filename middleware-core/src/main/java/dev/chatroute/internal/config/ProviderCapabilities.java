package dev.chatroute.internal.config;

import dev.chatroute.spi.Capability;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code chatroute.providers.<name>.capabilities}: what a provider honours, when its profile's
 * documented set does not fit this deployment (a vLLM without tool parsing, a gateway in front of one
 * model). A comma list of {@link #name(Capability) names}, or {@code none}.
 */
final class ProviderCapabilities {

    private ProviderCapabilities() {
    }

    /** The override, or empty to keep the profile's set. */
    static Optional<Set<Capability>> read(ConfigReader r, String key) {
        Optional<String> value = r.string(key).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().equalsIgnoreCase("none")) {
            return Optional.of(Set.of());
        }
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (String part : value.get().split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            Capability c = byName(name);
            if (c == null) {
                throw ConfigReader.bad(key, value.get(), (name.isEmpty() ? "has an empty entry" : "names '" + name
                        + "', which is not a capability") + "; use a comma list of " + names() + ", or none");
            }
            out.add(c);
        }
        return Optional.of(Set.copyOf(out));
    }

    /** {@code tools}, {@code tool_choice}, ... {@code stream_usage}: the enum's name in lower case. */
    static String name(Capability c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static Capability byName(String name) {
        return Arrays.stream(Capability.values()).filter(c -> name(c).equals(name)).findFirst().orElse(null);
    }

    private static String names() {
        return Arrays.stream(Capability.values()).map(ProviderCapabilities::name).collect(Collectors.joining(","));
    }
}
