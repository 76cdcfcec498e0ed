package dev.tokenguard.jwt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JWE key management algorithms ({@code alg}) TokenGuard decrypts with: the two MicroProfile JWT 2.1 requires.
 * Every other one is refused, configured or not: {@code RSA1_5} (Bleichenbacher padding oracle, RFC 8725 §3.2),
 * {@code dir} and {@code A*KW} (a shared secret, so anyone who can decrypt can also make tokens), {@code ECDH-ES*}
 * (invalid-curve attacks on the ephemeral key), {@code PBES2*} (a password, and an iteration count the token picks).
 */
enum DecryptionAlgorithm {
    RSA_OAEP("RSA-OAEP"),
    RSA_OAEP_256("RSA-OAEP-256");

    private static final DecryptionAlgorithm[] ALL = values();

    private final String jweName;

    DecryptionAlgorithm(String jweName) {
        this.jweName = jweName;
    }

    /** The name as it appears in a JWE header's {@code alg}: case-sensitive (RFC 7516 §4.1.1). */
    String jweName() {
        return jweName;
    }

    /** The algorithm for an exact JWE name, or null. */
    static DecryptionAlgorithm forJweName(String name) {
        for (DecryptionAlgorithm a : ALL) {
            if (a.jweName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Parses a configured name; a wrong one gets a message that says why and names the right ones. */
    static DecryptionAlgorithm parse(String name) {
        DecryptionAlgorithm a = forJweName(name == null ? null : name.strip());
        if (a != null) {
            return a;
        }
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        String why = n.equals("RSA1_5") ? ": its padding is an oracle (Bleichenbacher; RFC 8725 §3.2)"
                : n.equals("DIR") || n.matches("A\\d+(GCM)?KW") ? ": it needs a shared secret, and whoever can decrypt"
                        + " with one can also make tokens"
                : n.startsWith("ECDH-ES") ? ": TokenGuard decrypts with RSA keys only"
                : n.startsWith("PBES2") ? ": a password is no key"
                : "";
        throw new IllegalArgumentException("unsupported decryption algorithm " + (name == null ? "null"
                : dev.tokenguard.Verification.quote(name)) + why + "; use "
                + Arrays.stream(ALL).map(DecryptionAlgorithm::jweName).collect(Collectors.joining(" or ")));
    }

    @Override
    public String toString() {
        return jweName;
    }
}
