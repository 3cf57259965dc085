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

    /** A shape, and the literals one of which any match contains: most texts hold none, and skip the pattern. */
    private record Shape(Pattern pattern, List<String> hints) {
        Shape(String regex, String... hints) {
            this(Pattern.compile(START + regex), List.of(hints));
        }

        boolean mayMatch(String text) {
            return hints.stream().anyMatch(text::contains);
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("sk-[A-Za-z0-9_\\-]{20,}+", "sk-"),
            new Shape("(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])", "AKIA", "ASIA"),
            new Shape("eyJ[A-Za-z0-9_\\-]{4,}+\\.eyJ[A-Za-z0-9_\\-]{4,}+\\.[A-Za-z0-9_\\-]++", "eyJ"),
            new Shape("(?:gh[pousr]_[A-Za-z0-9]{36,}+|github_pat_[A-Za-z0-9_]{22,}+)", "gh", "github_pat_"),
            new Shape("xox[abprs]-[A-Za-z0-9\\-]{10,}+", "xox"),
            new Shape("(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}+", "_live_", "_test_"),
            new Shape("AIza[0-9A-Za-z_\\-]{35}(?![0-9A-Za-z_\\-])", "AIza"));
    /** The credential after {@code Bearer}, whatever its shape (group 1). */
    private static final Pattern BEARER = Pattern.compile("(?<![A-Za-z0-9])[Bb]earer[ \\t]++([A-Za-z0-9._~+/\\-]{8,}+=*+)");

    @Override
    public void find(String text, List<Finding> into) {
        for (Shape shape : SHAPES) {
            if (!shape.mayMatch(text)) {
                continue;
            }
            Matcher m = shape.pattern().matcher(text);
            while (m.find()) {
                into.add(new Finding(PiiType.SECRET, m.start(), m.end(), m.group()));
            }
        }
        if (!text.contains("earer")) {
            return;
        }
        Matcher m = BEARER.matcher(text);
        while (m.find()) {
            into.add(new Finding(PiiType.SECRET, m.start(1), m.end(1), m.group(1)));
        }
    }
}
