package dev.tokenguard.jwt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JWS algorithms TokenGuard verifies (RFC 7518, RFC 8037). {@code none} is not one of them and never
 * will be.
 */
enum Algorithm {
    RS256(KeyFamily.RSA, null, 32),
    RS384(KeyFamily.RSA, null, 48),
    RS512(KeyFamily.RSA, null, 64),
    PS256(KeyFamily.RSA, null, 32),
    PS384(KeyFamily.RSA, null, 48),
    PS512(KeyFamily.RSA, null, 64),
    ES256(KeyFamily.EC, "P-256", 32),
    ES384(KeyFamily.EC, "P-384", 48),
    ES512(KeyFamily.EC, "P-521", 64),
    HS256(KeyFamily.HMAC, null, 32),
    HS384(KeyFamily.HMAC, null, 48),
    HS512(KeyFamily.HMAC, null, 64),
    EdDSA(KeyFamily.OKP, "Ed25519", 0);

    private static final Algorithm[] ALL = values();

    /** RFC 7518 §3.3 and §3.5: RSA keys of 2048 bits or larger. */
    static final int MIN_RSA_BITS = 2048;

    private final KeyFamily family;
    private final String curve;
    private final int hashBytes;

    Algorithm(KeyFamily family, String curve, int hashBytes) {
        this.family = family;
        this.curve = curve;
        this.hashBytes = hashBytes;
    }

    KeyFamily family() {
        return family;
    }

    /** JWK {@code crv} for EC and OKP algorithms, else null. */
    String curve() {
        return curve;
    }

    /** RFC 7518 §3.2: an HMAC key must be at least as long as the hash. */
    int minimumSecretBytes() {
        return family == KeyFamily.HMAC ? hashBytes : 0;
    }

    /** Length of the raw R || S signature for ECDSA (RFC 7518 §3.4), else 0. */
    int ecdsaSignatureBytes() {
        return switch (this) {
            case ES256 -> 64;
            case ES384 -> 96;
            case ES512 -> 132;
            default -> 0;
        };
    }

    boolean isHmac() {
        return family == KeyFamily.HMAC;
    }

    /** The JWS name as it appears in {@code alg}: case-sensitive, as RFC 7515 requires. */
    public String jwsName() {
        return name();
    }

    /** The algorithm for an exact JWS name, or null. */
    static Algorithm forJwsName(String name) {
        if (name == null) {
            return null;
        }
        for (Algorithm a : ALL) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Parses a configured name; a wrong name gets a message that lists the right ones. */
    static Algorithm parse(String name) {
        if (name != null && name.trim().toLowerCase(Locale.ROOT).equals("none")) {
            throw new IllegalArgumentException("algorithm \"none\" is never allowed: unsigned tokens prove nothing;"
                    + " use one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
        Algorithm a = forJwsName(name == null ? null : name.trim());
        if (a == null) {
            throw new IllegalArgumentException("unsupported algorithm " + (name == null ? "null" : "\"" + name + "\"")
                    + "; use one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
        return a;
    }
}
