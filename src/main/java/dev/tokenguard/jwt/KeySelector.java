package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.List;

/**
 * The one place that picks a key from a set for a token: only keys that {@linkplain VerificationKey#fits fit}
 * the token's algorithm count; {@code kid} selects among them; a token without {@code kid} is accepted only
 * when exactly one key fits. A key without {@code kid} serves a token with one only when it is the only key
 * that fits (a single configured PEM key has no kid).
 */
final class KeySelector {

    private KeySelector() {
    }

    static VerificationKey select(List<VerificationKey> keys, JoseHeader header) throws RejectionException {
        String kid = header.keyId();
        if (kid != null) {
            // The usual case, first and cheaply: the first key (in set order) with the token's kid that fits. The
            // loop below would return the same key; it runs only when there is none, for the fallback and the error.
            for (VerificationKey key : keys) {
                if (kid.equals(key.keyId()) && key.fits(header.algorithm())) {
                    return key;
                }
            }
        }
        VerificationKey only = null;
        int fitting = 0;
        for (VerificationKey key : keys) {
            if (!key.fits(header.algorithm())) {
                continue;
            }
            if (header.keyId() != null && header.keyId().equals(key.keyId())) {
                return key;
            }
            fitting++;
            only = key;
        }
        if (fitting == 1 && (header.keyId() == null || only.keyId() == null)) {
            return only;
        }
        String why = header.keyId() != null
                ? "no " + header.algorithm() + " key with kid " + Verification.quote(header.keyId())
                : "token has no kid and " + fitting + " keys fit " + header.algorithm();
        throw new RejectionException(Rejection.UNKNOWN_KEY, why);
    }
}
