package dev.tokenguard.internal.jakarta;

import dev.tokenguard.Verification;
import jakarta.security.enterprise.credential.Credential;

/**
 * A bearer token taken from a request. {@link TokenIdentityStore} records the verification outcome on it,
 * so that the mechanism can answer with the reason (RFC 6750 error codes) even though the
 * {@code IdentityStoreHandler} only passes on valid or invalid.
 */
public final class BearerTokenCredential implements Credential {

    private final String token;
    private volatile Verification verification;

    public BearerTokenCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The outcome, once an identity store has checked the token; null before. */
    public Verification verification() {
        return verification;
    }

    void verification(Verification verification) {
        this.verification = verification;
    }

    @Override
    public boolean isValid() {
        return verification != null && verification.isAccepted();
    }

    @Override
    public void clear() {
        // Immutable token text; nothing to wipe.
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "BearerTokenCredential[" + (verification == null ? "unchecked" : verification) + "]";
    }
}
