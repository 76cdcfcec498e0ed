package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.time.Duration;
import java.time.Instant;

/**
 * The time rules: {@code exp} required (unless switched off) and in the future, {@code nbf} and {@code iat} not in the
 * future, all three with one clock skew; and, when a maximum age is set, {@code iat} required and at most that age,
 * exactly: the age is the operator's own bound, and MP-JWT defines {@code mp.jwt.verify.token.age} without skew (its TCK
 * refuses a 5-second-old token under a 4-second limit). Applied on every verification, cached or not.
 */
final class TimeRules {

    private final long skewMillis;
    private final boolean requireExpiration;
    private final Duration maxAge;

    TimeRules(Duration skew, boolean requireExpiration, Duration maxAge) {
        this.skewMillis = skew.toMillis();
        this.requireExpiration = requireExpiration;
        this.maxAge = maxAge;
    }

    void check(TimeClaims t, Instant now) throws RejectionException {
        long nowMillis = now.toEpochMilli();
        if (t.expiresAt() == null) {
            if (requireExpiration) {
                throw new RejectionException(Rejection.MISSING_CLAIM, "no \"exp\" claim");
            }
        } else if (nowMillis - skewMillis >= t.expiresAt()) {
            throw new RejectionException(Rejection.EXPIRED, "expired at " + Instant.ofEpochMilli(t.expiresAt())
                    + " (clock skew " + skewMillis / 1000 + "s)");
        }
        if (t.notBefore() != null && nowMillis + skewMillis < t.notBefore()) {
            throw new RejectionException(Rejection.NOT_YET_VALID, "not valid before " + Instant.ofEpochMilli(t.notBefore()));
        }
        if (t.issuedAt() != null && nowMillis + skewMillis < t.issuedAt()) {
            throw new RejectionException(Rejection.NOT_YET_VALID, "issued in the future, at " + Instant.ofEpochMilli(t.issuedAt()));
        }
        if (maxAge != null) {
            if (t.issuedAt() == null) {
                throw new RejectionException(Rejection.MISSING_CLAIM, "no \"iat\" claim, needed for the maximum token age");
            }
            if (nowMillis > t.issuedAt() + maxAge.toMillis()) {
                throw new RejectionException(Rejection.TOO_OLD, "issued at " + Instant.ofEpochMilli(t.issuedAt())
                        + ", more than " + maxAge + " ago");
            }
        }
    }

    /** The last instant at which a token with these claims can still pass, for caches; null for never. */
    Instant lastValidInstant(TimeClaims t) {
        long last = Long.MAX_VALUE;
        if (t.expiresAt() != null) {
            last = t.expiresAt() + skewMillis - 1;
        }
        if (maxAge != null && t.issuedAt() != null) {
            last = Math.min(last, t.issuedAt() + maxAge.toMillis());
        }
        return last == Long.MAX_VALUE ? null : Instant.ofEpochMilli(last);
    }
}
