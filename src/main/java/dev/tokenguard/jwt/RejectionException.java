package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;

/**
 * A {@link Rejection} on its way out of the verification pipeline: thrown where a rule refuses the token, caught
 * once, in {@link JwtVerifier}, and turned into a {@link Verification}. No stack trace: refusals are routine. The
 * message is the detail for the log line and must never contain token text or key material.
 */
final class RejectionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    RejectionException(Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    static RejectionException malformed(String detail) {
        return new RejectionException(Rejection.MALFORMED, detail);
    }

    /** The same refusal, its detail saying where: "{@code where}: detail". */
    RejectionException within(String where) {
        return new RejectionException(rejection, where + ": " + getMessage());
    }

    Verification toVerification() {
        return Verification.rejected(rejection, getMessage());
    }

    Rejection rejection() {
        return rejection;
    }
}
