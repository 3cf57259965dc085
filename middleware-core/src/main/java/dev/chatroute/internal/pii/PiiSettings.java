package dev.chatroute.internal.pii;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code chatroute.pii.*}: whether personal data in a request is sent upstream as is ({@code off}),
 * replaced by typed placeholders ({@code redact}) or refused ({@code refuse}), which types are looked
 * for, whether the answer gets the originals back, and which regions' national phone formats count.
 * Reading these needs neither detection library: they are checked for only when a mode needs them.
 */
public record PiiSettings(Mode mode, Set<PiiType> types, boolean restore, List<String> phoneRegions) {

    public static final String PREFIX = "chatroute.pii.";
    public static final PiiSettings OFF = new PiiSettings(Mode.OFF, Set.of(), false, List.of());

    private static final String DEFAULT_TYPES = "email, phone, card, iban, secret";
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

    public enum Mode { OFF, REDACT, REFUSE }

    public PiiSettings {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        phoneRegions = List.copyOf(phoneRegions);
    }

    public boolean active() {
        return mode != Mode.OFF;
    }

    public static PiiSettings read(ConfigReader r) {
        Mode mode = Mode.valueOf(r.oneOf(PREFIX + "mode", "off", Set.of("off", "redact", "refuse"))
                .toUpperCase(Locale.ROOT));
        Set<PiiType> types = types(r.string(PREFIX + "types", DEFAULT_TYPES));
        boolean restore = r.bool(PREFIX + "restore", false);
        List<String> regions = regions(r.string(PREFIX + "phone-regions", "US"));
        PiiSettings settings = new PiiSettings(mode, types, restore, regions);
        if (settings.active()) {
            requireLibraries(types);
        }
        return settings;
    }

    private static Set<PiiType> types(String value) {
        Set<PiiType> types = EnumSet.noneOf(PiiType.class);
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            PiiType type = PiiType.fromConfig(name);
            if (type == null) {
                throw ConfigReader.bad(PREFIX + "types", value, "names '" + name + "', which is not one of "
                        + "email, phone, card, iban, secret, ip, ssn");
            }
            types.add(type);
        }
        return types;
    }

    private static List<String> regions(String value) {
        List<String> regions = new ArrayList<>();
        for (String part : value.split(",")) {
            String region = part.trim().toUpperCase(Locale.ROOT);
            if (!REGION.matcher(region).matches()) {
                throw ConfigReader.bad(PREFIX + "phone-regions", value, "must list two-letter region codes "
                        + "such as US, DE, FR");
            }
            if (!regions.contains(region)) {
                regions.add(region);
            }
        }
        return regions;
    }

    /** The detection libraries are optional dependencies: a mode that needs a missing one fails start-up. */
    private static void requireLibraries(Set<PiiType> types) {
        for (PiiType type : types) {
            if (type.libraryClass() == null) {
                continue;
            }
            try {
                Class.forName(type.libraryClass(), false, PiiSettings.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new InvalidConfigException(PREFIX + "types", "'" + type.configName() + "' needs "
                        + type.library() + " in the application (an optional dependency of middleware-core), "
                        + "or leave it out of " + PREFIX + "types");
            }
        }
    }
}
