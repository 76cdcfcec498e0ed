package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one place that picks a key from a set for a token, for signatures and for decryption alike: only keys that
 * fit the token's algorithm count; {@code kid} selects among them; a token without {@code kid} is accepted only
 * when exactly one key fits. A key without {@code kid} serves a token with one only when it is the only key that
 * fits (a single configured PEM key has no kid).
 */
final class KeySelector {

    private KeySelector() {
    }

    static VerificationKey select(List<VerificationKey> keys, JoseHeader header) throws RejectionException {
        Algorithm algorithm = header.algorithm();
        return select(keys, header.keyId(), key -> key.fits(algorithm), VerificationKey::keyId, algorithm.name());
    }

    /**
     * @param fits      whether a key may serve the token's algorithm
     * @param algorithm the token's algorithm, for the refusal's detail
     */
    static <K> K select(List<K> keys, String kid, Predicate<K> fits, Function<K, String> keyIdOf, String algorithm)
            throws RejectionException {
        if (kid != null) {
            // The usual case: the first key (in set order) with the token's kid that fits.
            for (K key : keys) {
                if (kid.equals(keyIdOf.apply(key)) && fits.test(key)) {
                    return key;
                }
            }
        }
        // No key has the token's kid: a single fitting key without kid may serve it; anything else is refused.
        K only = null;
        int fitting = 0;
        for (K key : keys) {
            if (!fits.test(key)) {
                continue;
            }
            fitting++;
            only = key;
        }
        if (fitting == 1 && (kid == null || keyIdOf.apply(only) == null)) {
            return only;
        }
        String why = kid != null
                ? "no " + algorithm + " key with kid " + Verification.quote(kid)
                : "token has no kid and " + fitting + " keys fit " + algorithm;
        throw new RejectionException(Rejection.UNKNOWN_KEY, why);
    }
}
