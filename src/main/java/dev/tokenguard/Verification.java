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

    /** Makes a value taken from untrusted input safe and short enough for a log line. */
    public static String quote(Object untrusted) {
        if (untrusted == null) {
            return "null";
        }
        String s = String.valueOf(untrusted);
        StringBuilder b = new StringBuilder(Math.min(s.length(), 40) + 2).append('\'');
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && Character.isISOControl(c)) ? '?' : c);
        }
        if (s.length() > 40) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('\'').toString();
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted " + accessToken : "rejected " + rejection.code() + ": " + detail;
    }
}
