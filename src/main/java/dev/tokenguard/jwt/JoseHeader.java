package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protected header of a token, checked against the rules that need no key: the algorithm allow-list
 * and {@code crit}. {@code jku}, {@code x5u}, {@code x5c} and {@code jwk} are never read: keys come only
 * from configuration, never from the token.
 */
record JoseHeader(Algorithm algorithm, String keyId) {

    /**
     * Header names RFC 7515 §4.1.11 and RFC 7516 §4.1.13 forbid in {@code crit}: those of JWS, JWE and JWA (RFC 7518
     * §4.6.1, §4.7.1, §4.8.1), since the JWE header of an encrypted token is checked by the same rule.
     */
    private static final Set<String> REGISTERED = Set.of("alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t",
            "x5t#S256", "typ", "cty", "crit", "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c");

    /** The members read; the others are only checked (and a {@code crit} entry only needs its name present). */
    private static final Set<String> READ = Set.of("alg", "kid", "crit");

    static JoseHeader parse(String headerJson, Set<Algorithm> allowed, Set<String> understoodCritical)
            throws RejectionException {
        Map<String, Object> header = JsonObjects.parseHeader(headerJson, READ);
        if (!(header.get("alg") instanceof String algName)) {
            throw RejectionException.malformed("header has no \"alg\" string");
        }
        Algorithm algorithm = Algorithm.forJwsName(algName);
        if (algorithm == null || !allowed.contains(algorithm)) {
            throw new RejectionException(Rejection.ALGORITHM_NOT_ALLOWED,
                    "alg " + Verification.quote(algName) + " is not one of " + allowed);
        }
        if (header.containsKey("crit")) {
            checkCritical(header, understoodCritical);
        }
        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw RejectionException.malformed("header \"kid\" is not a string");
        }
        return new JoseHeader(algorithm, (String) kid);
    }

    /**
     * RFC 7515 §4.1.11: a non-empty list of names, each present in the header and understood here. The one
     * {@code crit} rule, for the JWS header and the JWE header ({@link JweHeader}).
     */
    static void checkCritical(Map<String, Object> header, Set<String> understood) throws RejectionException {
        if (!(header.get("crit") instanceof List<?> names) || names.isEmpty()) {
            throw new RejectionException(Rejection.UNSUPPORTED_CRITICAL_HEADER, "\"crit\" is not a non-empty list");
        }
        for (Object name : names) {
            if (!(name instanceof String s) || REGISTERED.contains(s) || !header.containsKey(s)) {
                throw new RejectionException(Rejection.UNSUPPORTED_CRITICAL_HEADER,
                        "\"crit\" entry " + Verification.quote(name) + " is registered, absent or not a string");
            }
            if (!understood.contains(s)) {
                throw new RejectionException(Rejection.UNSUPPORTED_CRITICAL_HEADER,
                        "critical header " + Verification.quote(s) + " is not understood");
            }
        }
    }
}
