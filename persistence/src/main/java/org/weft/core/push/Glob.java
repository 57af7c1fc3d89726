package org.weft.core.push;

import java.util.regex.Pattern;

/**
 * Glob patterns (appendices, "Glob-style matching": {@code *} any run of characters, {@code ?} one
 * character), compiled to case-insensitive regular expressions, either for a whole value or, as
 * {@code content.body} needs, for any substring between word boundaries (start or end of the
 * value, or a character outside {@code [A-Za-z0-9_]}).
 */
public final class Glob {

    private Glob() {
    }

    /** Longest pattern, and most wildcards, a rule may use. */
    public static final int MAX_LENGTH = 256;
    public static final int MAX_STARS = 4;

    /**
     * Refuses patterns that could make matching slow: rules run for every member on every event,
     * and a regular expression with many {@code .*?} can backtrack for a long time on a long body.
     *
     * @throws IllegalArgumentException past {@link #MAX_LENGTH} characters or {@link #MAX_STARS} stars
     */
    public static void checkBounds(String glob) {
        if (glob.length() > MAX_LENGTH || glob.chars().filter(c -> c == '*').count() > MAX_STARS) {
            throw new IllegalArgumentException("Patterns are limited to " + MAX_LENGTH + " characters and "
                    + MAX_STARS + " '*'");
        }
    }

    public static Pattern whole(String glob) {
        return Pattern.compile("^" + translate(glob) + "$", flags());
    }

    public static Pattern words(String glob) {
        return Pattern.compile("(?:^|[^A-Za-z0-9_])" + translate(glob) + "(?:[^A-Za-z0-9_]|$)", flags());
    }

    private static int flags() {
        return Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;
    }

    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*?" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }
}
