package dev.tokenguard;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per refused token, at FINE: quiet on a production server unless asked for.
 * The line has the category and the detail, never the token.
 */
public final class RejectionLog {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private RejectionLog() {
    }

    /** Logs {@code result} when it is a rejection and hands it back. */
    public static Verification log(String verifier, Verification result) {
        if (!result.isAccepted() && LOG.isLoggable(Level.FINE)) {
            LOG.fine(verifier + " rejected a token: " + result.rejection().code()
                    + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
        }
        return result;
    }
}
