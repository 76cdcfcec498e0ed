package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.time.Instant;
import java.util.Map;

/**
 * {@code exp}, {@code nbf} and {@code iat} of a token, in epoch milliseconds (null when absent).
 * NumericDate (RFC 7519 §2) is a JSON number of seconds, possibly fractional. Anything else is refused rather
 * than guessed at, and so are dates before 1970 or after the year 9999: no token is issued then, and such
 * values are how "never expires" and overflow attacks are written.
 */
record TimeClaims(Long expiresAt, Long notBefore, Long issuedAt) {

    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_SECOND = 253_402_300_799L;

    static TimeClaims of(Map<String, Object> claims) throws RejectionException {
        return new TimeClaims(millis(claims, "exp"), millis(claims, "nbf"), millis(claims, "iat"));
    }

    Instant expiry() {
        return expiresAt == null ? null : Instant.ofEpochMilli(expiresAt);
    }

    private static Long millis(Map<String, Object> claims, String name) throws RejectionException {
        Object value = claims.get(name);
        if (value == null) {
            if (claims.containsKey(name)) {
                throw new RejectionException(Rejection.INVALID_CLAIM, "\"" + name + "\" is null");
            }
            return null;
        }
        if (value instanceof Long l && l >= 0 && l <= LAST_SECOND) {
            return l * 1000;
        }
        if (value instanceof Double d && d >= 0 && d <= LAST_SECOND) {
            return (long) Math.floor(d * 1000);
        }
        throw new RejectionException(Rejection.INVALID_CLAIM, "\"" + name + "\" is not a number of seconds between 1970 and"
                + " 9999");
    }
}
