package dev.tokenguard;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one token: the {@link AccessToken}, or the {@link Rejection} with a detail for logs.
 *
 * <p>{@code detail} says what exactly failed ("exp 1700000000 is before now - 60s") and is meant for
 * operators. It never holds the token, a secret or key material; values taken from the token header
 * (alg, kid) are shortened and stripped of control characters first.
 */
public record Verification(AccessToken accessToken, Rejection rejection, String detail) {

    public Verification {
        if ((accessToken == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of accessToken and rejection must be set");
        }
        detail = detail == null ? "" : detail;
    }

    public static Verification accepted(AccessToken token) {
        return new Verification(Objects.requireNonNull(token), null, "");
    }

    public static Verification rejected(Rejection rejection, String detail) {
        return new Verification(null, Objects.requireNonNull(rejection), detail);
    }

    public boolean isAccepted() {
        return accessToken != null;
    }

    public Optional<AccessToken> token() {
        return Optional.ofNullable(accessToken);
    }

    /**
     * Makes a value taken from untrusted input safe and short enough for a log line: at most 40 chars, quoted, and
     * every char that could forge or disguise a line shown as {@code ?} — C0 and C1 controls, line and paragraph
     * separators, format characters (bidi overrides and isolates, zero-width chars, BOM) and unpaired surrogates.
     */
    public static String quote(Object untrusted) {
        if (untrusted == null) {
            return "null";
        }
        String s = String.valueOf(untrusted);
        int shown = Math.min(s.length(), 40);
        StringBuilder b = new StringBuilder(shown + 2).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < shown && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                if (isUnsafe(cp)) {
                    b.append('?');
                } else {
                    b.appendCodePoint(cp);
                }
            } else {
                b.append(Character.isSurrogate(c) || isUnsafe(c) ? '?' : c);
            }
        }
        if (s.length() > 40) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('\'').toString();
    }

    private static boolean isUnsafe(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted " + accessToken : "rejected " + rejection.code() + ": " + detail;
    }
}
