package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.List;
import java.util.Map;

/**
 * Issuer, audience and subject rules. Issuer: the token's {@code iss} string equals one accepted issuer.
 * Audience: the token's {@code aud} (a string or a list of strings) contains at least one accepted audience;
 * that audience becomes the token's {@code resource}. {@code sub}, when present, is a string.
 */
final class ClaimRules {

    private final List<String> issuers;
    private final List<String> audiences;

    ClaimRules(List<String> issuers, List<String> audiences) {
        this.issuers = List.copyOf(issuers);
        this.audiences = List.copyOf(audiences);
    }

    /** Checks the claims and returns the matched audience, or null when no audience is required. */
    String check(Map<String, Object> claims) throws RejectionException {
        if (!issuers.isEmpty()) {
            Object iss = claims.get("iss");
            if (!(iss instanceof String s) || !issuers.contains(s)) {
                throw new RejectionException(Rejection.WRONG_ISSUER, "iss " + Verification.quote(iss) + " is not accepted");
            }
        }
        Object sub = claims.get("sub");
        if (sub != null && !(sub instanceof String)) {
            throw new RejectionException(Rejection.INVALID_CLAIM, "\"sub\" is not a string");
        }
        if (audiences.isEmpty()) {
            return null;
        }
        Object aud = claims.get("aud");
        if (aud instanceof String s && audiences.contains(s)) {
            return s;
        }
        if (aud instanceof List<?> list) {
            for (String accepted : audiences) {
                if (list.contains(accepted)) {
                    return accepted;
                }
            }
        }
        throw new RejectionException(Rejection.WRONG_AUDIENCE, "aud " + Verification.quote(aud) + " names none of "
                + audiences);
    }
}
