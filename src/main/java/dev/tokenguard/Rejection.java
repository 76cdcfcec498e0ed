package dev.tokenguard;

/**
 * Why a token was refused. A small, stable set of categories: the HTTP layer shows {@link #description()}
 * as {@code error_description}, logs show {@link #code()}. Neither ever contains token text or key material.
 */
public enum Rejection {
    /**
     * No token, or not a well-formed compact JWS (parts, base64url, JSON, claim types); with a decryption key, not a
     * compact JWE holding a signed JWT.
     */
    MALFORMED("malformed", "token is malformed"),
    /** Longer than the configured size cap; refused before any decoding. */
    TOO_LARGE("too_large", "token is too large"),
    /**
     * {@code alg} (or a JWE's {@code enc} or {@code zip}) is not one of the configured algorithms ({@code none} never
     * is).
     */
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", "token algorithm is not allowed"),
    /** {@code crit} names an extension this verifier does not understand, or is malformed. */
    UNSUPPORTED_CRITICAL_HEADER("unsupported_critical_header", "token has an unsupported critical header"),
    /** No usable key matches the token's {@code kid} (or the token has no {@code kid} and several keys fit). */
    UNKNOWN_KEY("unknown_key", "token signing key is unknown"),
    /** The key set could not be fetched, so nothing can be verified right now. */
    KEYS_UNAVAILABLE("keys_unavailable", "signing keys are unavailable"),
    /** The signature does not verify with the selected key. */
    BAD_SIGNATURE("bad_signature", "token signature is invalid"),
    /**
     * An encrypted token (JWE) that does not decrypt: wrong key, or a tampered encrypted key, IV, ciphertext or tag.
     * One category and one detail for every such failure, so that refusals are no decryption oracle.
     */
    UNDECRYPTABLE("undecryptable", "token could not be decrypted"),
    /** A required claim is absent ({@code exp}, or {@code iat} when a maximum age is set). */
    MISSING_CLAIM("missing_claim", "token lacks a required claim"),
    /** A claim has the wrong type ({@code sub} not a string, {@code exp} not a number, ...). */
    INVALID_CLAIM("invalid_claim", "token has an invalid claim"),
    /** {@code exp} is in the past (beyond the clock skew). */
    EXPIRED("expired", "token has expired"),
    /** {@code nbf} or {@code iat} is in the future (beyond the clock skew). */
    NOT_YET_VALID("not_yet_valid", "token is not yet valid"),
    /** {@code iat} is older than the configured maximum token age. */
    TOO_OLD("too_old", "token is too old"),
    /** {@code iss} is not one of the accepted issuers. */
    WRONG_ISSUER("wrong_issuer", "token issuer is not accepted"),
    /** {@code aud} does not name this resource. */
    WRONG_AUDIENCE("wrong_audience", "token audience is not accepted"),
    /** Valid token without every required scope: HTTP 403, not 401. */
    INSUFFICIENT_SCOPE("insufficient_scope", "token lacks a required scope"),
    /** A static verifier does not know the token (or its entry is empty). */
    UNKNOWN_TOKEN("unknown_token", "token is not recognised"),
    /** The authorization server's introspection endpoint says the token is not active (RFC 7662 §2.2). */
    INACTIVE("inactive", "token is not active"),
    /** The introspection endpoint answered with another status than 200: nothing vouches for the token. */
    INTROSPECTION_REFUSED("introspection_refused", "token could not be introspected"),
    /** The introspection endpoint's answer is not an RFC 7662 response (not JSON, no boolean {@code active}). */
    INTROSPECTION_MALFORMED("introspection_malformed", "token could not be introspected"),
    /** The introspection endpoint could not be reached, or did not answer in time, or answered too much. */
    INTROSPECTION_UNAVAILABLE("introspection_unavailable", "token could not be introspected"),
    /** The verifier failed unexpectedly (a bug, logged at WARNING): refused, since nothing vouches for it. */
    VERIFICATION_FAILED("verification_failed", "token could not be verified");

    private final String code;
    private final String description;

    Rejection(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** Short machine-readable name, e.g. {@code expired}. */
    public String code() {
        return code;
    }

    /** One short sentence fit for an {@code error_description}. */
    public String description() {
        return description;
    }
}
