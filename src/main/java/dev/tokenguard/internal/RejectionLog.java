package dev.tokenguard.internal;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per refused token, at FINE: quiet on a production server unless asked for.
 * The line has the category and the detail, never the token. Unexpected failures are WARNINGs.
 */
public final class RejectionLog {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private RejectionLog() {
    }

    /** Least time between two stack traces of unexpected failures, so that a bug hit by every request does not flood. */
    private static final long UNEXPECTED_LOG_INTERVAL_MILLIS = 60_000;
    private static final AtomicLong LAST_UNEXPECTED = new AtomicLong(Long.MIN_VALUE);
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    /**
     * The refusal of a token whose verification threw: a bug must be neither a way in nor an invisible 401. Logged
     * at WARNING with the stack trace, at most once a minute (with a count of those not shown), and never with the
     * token: exception messages of the JDK and of libraries can quote their input, so only the type is in the
     * refusal and the trace is logged without the top-level message.
     */
    public static Verification unexpected(String verifier, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = LAST_UNEXPECTED.get();
        Verification refused = Verification.rejected(Rejection.VERIFICATION_FAILED,
                "unexpected " + failure.getClass().getSimpleName());
        if ((last == Long.MIN_VALUE || now - last >= UNEXPECTED_LOG_INTERVAL_MILLIS)
                && LAST_UNEXPECTED.compareAndSet(last, now)) {
            long suppressed = SUPPRESSED.getAndSet(0);
            LOG.log(Level.WARNING, "TokenGuard: " + verifier + " failed unexpectedly and refused the token; this is a"
                    + " bug, please report it" + (suppressed == 0 ? "" : " (" + suppressed
                    + " more since the last report)"), withoutMessages(failure));
        } else {
            SUPPRESSED.incrementAndGet();
        }
        return refused;
    }

    /** The same stack trace, with every message replaced by the exception's type. */
    private static Throwable withoutMessages(Throwable failure) {
        Throwable copy = new Throwable(failure.getClass().getName() + " (message withheld)",
                failure.getCause() == null || failure.getCause() == failure ? null : withoutMessages(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
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
