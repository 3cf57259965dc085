package dev.chatroute.internal.config;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.pii.PiiSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole configuration, parsed and checked once at start-up. */
public record Settings(
        Map<String, ProviderSettings> providers,
        Map<String, ModelRoute> models,
        InputSettings input,
        Timeouts timeouts,
        SecuritySettings security,
        RoutingSettings routing,
        String path,
        PiiSettings pii) {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    public static final String DEMO_PROVIDER = "demo";
    public static final String DEMO_MODEL = "chatroute-demo";
    public static final String DEFAULT_ALIAS = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> STRATEGIES = Set.of("fallback", "weighted", "cheapest-first");

    /**
     * Reads and checks every setting; an unknown {@code chatroute.*} key fails (see {@link KnownKeys}),
     * and each reserved one set is logged at WARN.
     *
     * @param extraProviders names of providers supplied in code (or by CDI) rather than configured
     */
    public static Settings read(ChatrouteConfig config, Set<String> extraProviders) {
        // First, so that a typo is reported as one rather than as whatever it breaks further on.
        for (String reserved : KnownKeys.check(config)) {
            LOG.warn("Setting '{}' has no effect in this version of Chatroute (the name is reserved for a later one)",
                    reserved);
        }
        ConfigReader r = new ConfigReader(config);
        Map<String, ProviderSettings> providers = new LinkedHashMap<>();
        providers.put(DEMO_PROVIDER, ProviderSettings.read(r, DEMO_PROVIDER));
        for (String name : names(config, "chatroute.providers.")) {
            providers.put(name, ProviderSettings.read(r, name));
        }
        Set<String> known = new TreeSet<>(providers.keySet());
        known.addAll(extraProviders);

        Map<String, ModelRoute> models = new LinkedHashMap<>();
        models.put(DEFAULT_ALIAS, new ModelRoute(DEFAULT_ALIAS,
                List.of(new ModelRoute.Target(DEMO_PROVIDER, DEMO_MODEL)), "fallback"));
        for (String alias : names(config, "chatroute.models.")) {
            String key = "chatroute.models." + alias;
            // The built-in default chain may be given roles or a strategy without being spelled out.
            String chain = r.string(key).orElse(alias.equals(DEFAULT_ALIAS) ? DEMO_PROVIDER + "/" + DEMO_MODEL : null);
            if (chain == null) {
                continue;
            }
            String strategy = r.oneOf(key + ".strategy", "fallback", STRATEGIES);
            List<ModelRoute.Target> targets = parseChain(key, chain, known);
            models.put(alias, new ModelRoute(alias, targets, strategy,
                    numbers(r, key + ".weights", targets.size(), true), numbers(r, key + ".costs", targets.size(), false),
                    roles(r, key + ".roles")));
        }
        String path = r.string("chatroute.path", "/api/chat");
        if (!path.startsWith("/")) {
            throw ConfigReader.bad("chatroute.path", path, "must start with /");
        }
        return new Settings(Collections.unmodifiableMap(providers), Collections.unmodifiableMap(models),
                InputSettings.read(r), Timeouts.read(r), SecuritySettings.read(r), RoutingSettings.read(r), path,
                PiiSettings.read(r));
    }

    /** {@code chatroute.models.<alias>.roles}: comma-separated role names, or none (everyone). */
    private static Set<String> roles(ConfigReader r, String key) {
        String value = r.string(key).orElse(null);
        if (value == null) {
            return Set.of();
        }
        Set<String> roles = new TreeSet<>();
        for (String part : value.split(",")) {
            String role = part.trim();
            if (role.isEmpty()) {
                throw ConfigReader.bad(key, value, "must list role names separated by commas");
            }
            roles.add(role);
        }
        return roles;
    }

    /** Every role some model alias is limited to, so identity resolvers look them up. */
    public Set<String> modelRoles() {
        Set<String> roles = new TreeSet<>();
        models.values().forEach(m -> roles.addAll(m.roles()));
        return Collections.unmodifiableSet(roles);
    }

    /** A list of numbers, one per target of the chain ({@code .weights}, {@code .costs}), or empty. */
    private static List<Double> numbers(ConfigReader r, String key, int count, boolean positive) {
        String value = r.string(key).orElse(null);
        if (value == null) {
            return List.of();
        }
        List<Double> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                double n = Double.parseDouble(part.trim());
                if (positive ? n > 0 : n >= 0) {
                    numbers.add(n);
                    continue;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw ConfigReader.bad(key, value, "must list " + (positive ? "positive" : "non-negative")
                    + " numbers, one per target");
        }
        if (numbers.size() != count) {
            throw ConfigReader.bad(key, value, "lists " + numbers.size() + " numbers but the chain has " + count
                    + " targets");
        }
        return List.copyOf(numbers);
    }

    private static List<ModelRoute.Target> parseChain(String key, String chain, Set<String> known) {
        List<ModelRoute.Target> targets = new ArrayList<>();
        for (String part : chain.split(",")) {
            String target = part.trim();
            int slash = target.indexOf('/');
            if (slash <= 0 || slash == target.length() - 1) {
                throw ConfigReader.bad(key, chain, "must list targets as provider/model, provider/model, ...");
            }
            String provider = target.substring(0, slash);
            if (!known.contains(provider)) {
                throw ConfigReader.bad(key, chain, "names provider '" + provider
                        + "', which is not configured (known: " + String.join(", ", known) + ")");
            }
            // A model name may itself contain '/', as OpenRouter's "openai/gpt-4o" does.
            targets.add(new ModelRoute.Target(provider, target.substring(slash + 1)));
        }
        return List.copyOf(targets);
    }

    /** The {@code <name>} segments directly below a prefix, such as provider names. */
    private static Set<String> names(ChatrouteConfig config, String prefix) {
        Set<String> names = new TreeSet<>();
        for (String key : config.asMap().keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                if (!NAME.matcher(name).matches()) {
                    throw new InvalidConfigException(key, "'" + name + "' is not a valid name (letters, digits, - and _)");
                }
                names.add(name);
            }
        }
        return names;
    }

    public ModelRoute model(String alias) {
        return models.get(alias);
    }

    public static Settings read(ChatrouteConfig config) {
        return read(config, Set.of());
    }

    @Override
    public String toString() {
        return "Settings" + providers.keySet() + models.keySet();
    }
}
