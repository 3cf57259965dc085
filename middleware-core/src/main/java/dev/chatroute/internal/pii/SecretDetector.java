package dev.chatroute.internal.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys and tokens of well-known shapes: OpenAI-style {@code sk-...} keys (also
 * {@code sk-proj-}, {@code sk-ant-}), AWS access key ids, JSON Web Tokens, the token of a
 * {@code Bearer} credential, GitHub, Slack, Stripe and Google API keys. A secret without a shape of
 * its own (a password, an AWS secret key) cannot be told from other text and is not found.
 *
 * <p>Every pattern starts only where a token starts (a look-behind for the token's own characters)
 * and uses possessive quantifiers, so a long hostile run is read once, never backtracked over.
 */
final class SecretDetector implements Detector {

    private static final String START = "(?<![A-Za-z0-9_\\-])";
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile(START + "sk-[A-Za-z0-9_\\-]{20,}+"),
            Pattern.compile(START + "(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])"),
            Pattern.compile(START + "eyJ[A-Za-z0-9_\\-]{4,}+\\.eyJ[A-Za-z0-9_\\-]{4,}+\\.[A-Za-z0-9_\\-]++"),
            Pattern.compile(START + "(?:gh[pousr]_[A-Za-z0-9]{36,}+|github_pat_[A-Za-z0-9_]{22,}+)"),
            Pattern.compile(START + "xox[abprs]-[A-Za-z0-9\\-]{10,}+"),
            Pattern.compile(START + "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}+"),
            Pattern.compile(START + "AIza[0-9A-Za-z_\\-]{35}(?![0-9A-Za-z_\\-])"));
    /** The credential after {@code Bearer}, whatever its shape (group 1). */
    private static final Pattern BEARER = Pattern.compile("(?<![A-Za-z0-9])[Bb]earer[ \\t]++([A-Za-z0-9._~+/\\-]{8,}+=*+)");

    @Override
    public void find(String text, List<Finding> into) {
        for (Pattern shape : SHAPES) {
            Matcher m = shape.matcher(text);
            while (m.find()) {
                into.add(new Finding(PiiType.SECRET, m.start(), m.end(), m.group()));
            }
        }
        Matcher m = BEARER.matcher(text);
        while (m.find()) {
            into.add(new Finding(PiiType.SECRET, m.start(1), m.end(1), m.group(1)));
        }
    }
}
