package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${sys:name}} inside configuration values. The result is
 * trimmed, as the raw value was: a key taken from a secret file saved with a trailing newline must
 * not carry it into a header.
 */
public final class Placeholders {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([^}:]+)(?::-([^}]*))?}");

    private final Function<String, String> env;
    private final Function<String, String> sys;

    public Placeholders(Function<String, String> env, Function<String, String> sys) {
        this.env = env;
        this.sys = sys;
    }

    public String resolve(String key, String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String source = m.group(1);
            String name = m.group(2).trim();
            String found = source.equals("env") ? env.apply(name) : sys.apply(name);
            if (found == null) {
                found = m.group(3);
            }
            if (found == null) {
                String what = source.equals("env") ? "environment variable " : "system property ";
                throw new InvalidConfigException(key, "refers to " + what + name + ", which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(found));
        }
        m.appendTail(out);
        return out.toString().trim();
    }
}
