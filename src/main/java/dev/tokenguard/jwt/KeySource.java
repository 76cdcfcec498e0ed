package dev.tokenguard.jwt;

/** Where verification keys come from: fixed configuration, or a key set fetched over HTTP. */
interface KeySource {

    /** The key that must have signed a token with this header, or a refusal (unknown key, keys unavailable). */
    VerificationKey keyFor(JoseHeader header) throws Refusal;

    /** For the startup log: where the keys come from, never the keys themselves. */
    String describe();
}
