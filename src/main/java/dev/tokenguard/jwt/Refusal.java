package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;

/**
 * Thrown inside the verification pipeline when a rule refuses the token; caught once, in
 * {@link JwtVerifier}, and turned into a {@link Verification}. No stack trace: refusals are routine.
 * The message is the detail for the log line and must never contain token text or key material.
 */
final class Refusal extends Exception {

    private final Rejection rejection;

    Refusal(Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    static Refusal malformed(String detail) {
        return new Refusal(Rejection.MALFORMED, detail);
    }

    Verification toVerification() {
        return Verification.rejected(rejection, getMessage());
    }

    Rejection rejection() {
        return rejection;
    }
}
