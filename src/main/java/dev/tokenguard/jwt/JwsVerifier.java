package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.util.Set;

/**
 * The signature layer: everything about a token except its claims. Size cap, compact form, header rules,
 * key selection, signature. {@link JwtVerifier} adds the claim rules on top; the Wycheproof JWS vectors
 * (arbitrary payloads, not JWTs) are checked against this layer alone.
 */
final class JwsVerifier {

    private final Set<Algorithm> allowed;
    private final Set<String> understoodCritical;
    private final KeySource keys;
    private final int maxTokenChars;

    JwsVerifier(Set<Algorithm> allowed, Set<String> understoodCritical, KeySource keys, int maxTokenChars) {
        this.allowed = Set.copyOf(allowed);
        this.understoodCritical = Set.copyOf(understoodCritical);
        this.keys = keys;
        this.maxTokenChars = maxTokenChars;
    }

    /** The verified JWS, or a refusal. */
    CompactJws verify(String token) throws RejectionException {
        checkPresentAndSize(token);
        CompactJws jws = CompactJws.parse(token);
        JoseHeader header = JoseHeader.parse(jws.headerJson(), allowed, understoodCritical);
        VerificationKey key = keys.keyFor(header, jws);
        SignatureCheck.verify(jws, header.algorithm(), key);
        return jws;
    }

    /** Before anything else, even a cache lookup: a token at all, and not over the size cap. */
    void checkPresentAndSize(String token) throws RejectionException {
        if (token == null || token.isEmpty()) {
            throw RejectionException.malformed("no token");
        }
        if (token.length() > maxTokenChars) {
            throw new RejectionException(Rejection.TOO_LARGE, token.length() + " characters, over the limit of " + maxTokenChars);
        }
    }

    KeySource keys() {
        return keys;
    }
}
