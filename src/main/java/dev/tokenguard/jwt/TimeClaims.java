package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.time.Instant;
import java.util.Map;

/**
 * {@code exp}, {@code nbf} and {@code iat} of a token, in epoch milliseconds (null when absent).
 * NumericDate (RFC 7519 §2) is a JSON number of seconds, possibly fractional; anything else is refused
 * rather than guessed at, and absurd values are clamped so that arithmetic cannot overflow.
 */
record TimeClaims(Long expiresAt, Long notBefore, Long issuedAt) {

    /** About 285,000 years either side of 1970: far beyond any real token, far inside a long of millis. */
    private static final double LIMIT_SECONDS = 9e12;

    static TimeClaims of(Map<String, Object> claims) throws Refusal {
        return new TimeClaims(millis(claims, "exp"), millis(claims, "nbf"), millis(claims, "iat"));
    }

    Instant expiry() {
        return expiresAt == null ? null : Instant.ofEpochMilli(expiresAt);
    }

    private static Long millis(Map<String, Object> claims, String name) throws Refusal {
        Object value = claims.get(name);
        if (value == null) {
            if (claims.containsKey(name)) {
                throw new Refusal(Rejection.INVALID_CLAIM, "\"" + name + "\" is null");
            }
            return null;
        }
        if (value instanceof Long l) {
            return Math.max((long) -LIMIT_SECONDS, Math.min((long) LIMIT_SECONDS, l)) * 1000;
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return (long) Math.floor(Math.max(-LIMIT_SECONDS, Math.min(LIMIT_SECONDS, d)) * 1000);
        }
        throw new Refusal(Rejection.INVALID_CLAIM, "\"" + name + "\" is not a number of seconds");
    }
}
