package dev.tokenguard.jwt;

/** Where verification keys come from: fixed configuration, or a key set fetched over HTTP. */
interface KeySource {

    /** The key that must have signed a token with this header, or a refusal (unknown key, keys unavailable). */
    VerificationKey keyFor(JoseHeader header) throws RejectionException;

    /**
     * The key for this token: by its header, unless the source also needs the (not yet verified) payload to choose,
     * as {@link IssuerKeySources} does.
     */
    default VerificationKey keyFor(JoseHeader header, CompactJws jws) throws RejectionException {
        return keyFor(header);
    }

    /**
     * Brings the keys up to date if they are due for it. Called before the verified-token cache is consulted,
     * so that a key withdrawn by the issuer also ends the cached verifications it made, even when every request
     * is a cache hit. Static keys never change.
     */
    default void refreshIfStale() {
    }

    /** For the startup log: where the keys come from, never the keys themselves. */
    String describe();
}
