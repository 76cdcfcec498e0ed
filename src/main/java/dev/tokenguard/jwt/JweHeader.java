package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The protected header of an encrypted token, checked against the rules that need no key, before any key is used
 * (RFC 8725 §2-3): {@code alg} one of the allowed key management algorithms, {@code enc} A256GCM, no {@code zip},
 * {@code crit} as for a JWS, and {@code cty} declaring a nested JWT. As in {@link JoseHeader}, {@code jku},
 * {@code x5u}, {@code x5c}, {@code jwk} and {@code epk} are never read.
 */
record JweHeader(DecryptionAlgorithm algorithm, String keyId) {

    /**
     * The one content encryption TokenGuard accepts: the one MicroProfile JWT 2.1 requires. The CBC-HMAC ones and
     * other key sizes are optional there, and every extra one is one more thing to get wrong.
     */
    static final String CONTENT_ENCRYPTION = "A256GCM";

    /** The members read; the others are only checked (and a {@code crit} entry only needs its name present). */
    private static final Set<String> READ = Set.of("alg", "enc", "zip", "kid", "crit", "cty");

    static JweHeader parse(String headerJson, Set<DecryptionAlgorithm> allowed, Set<String> understoodCritical)
            throws RejectionException {
        Map<String, Object> header = JsonObjects.parseHeader(headerJson, READ);
        if (!(header.get("alg") instanceof String algName)) {
            throw RejectionException.malformed("JWE header has no \"alg\" string");
        }
        DecryptionAlgorithm algorithm = DecryptionAlgorithm.forJweName(algName);
        if (algorithm == null || !allowed.contains(algorithm)) {
            throw new RejectionException(Rejection.ALGORITHM_NOT_ALLOWED,
                    "JWE alg " + Verification.quote(algName) + " is not one of " + allowed);
        }
        if (!(header.get("enc") instanceof String enc)) {
            throw RejectionException.malformed("JWE header has no \"enc\" string");
        }
        if (!CONTENT_ENCRYPTION.equals(enc)) {
            throw new RejectionException(Rejection.ALGORITHM_NOT_ALLOWED,
                    "JWE enc " + Verification.quote(enc) + " is not " + CONTENT_ENCRYPTION);
        }
        if (header.containsKey("zip")) {
            // A compressed plaintext can inflate a 16 KiB token into gigabytes (RFC 8725 §3.6 warns of compression).
            throw new RejectionException(Rejection.ALGORITHM_NOT_ALLOWED,
                    "JWE \"zip\" (compression) is never accepted");
        }
        if (header.containsKey("crit")) {
            JoseHeader.checkCritical(header, understoodCritical);
        }
        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw RejectionException.malformed("JWE header \"kid\" is not a string");
        }
        if (!(header.get("cty") instanceof String cty) || !isJwt(cty)) {
            // MP-JWT 2.1: the implementation must check that cty is JWT; only a signed token inside proves its issuer.
            throw RejectionException.malformed("the encrypted token does not declare a nested JWT (cty \"JWT\"): only"
                    + " signed, then encrypted tokens are accepted");
        }
        return new JweHeader(algorithm, (String) kid);
    }

    /**
     * RFC 7519 §5.2 and RFC 7515 §4.1.10: {@code JWT}, or the same media type with its {@code application/} prefix;
     * media types are case-insensitive.
     */
    private static boolean isJwt(String cty) {
        String type = cty.toLowerCase(Locale.ROOT);
        return type.equals("jwt") || type.equals("application/jwt");
    }
}
