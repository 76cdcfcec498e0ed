package dev.tokenguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * A bug inside verification refuses the token and tells the operator, once a minute at most, without the token.
 * (Nothing else in the unit suite fails unexpectedly, so the first call here is the first in the JVM.)
 */
class RejectionLogTest {

    @Test
    void anUnexpectedFailureIsAWarningWithItsStackTraceRateLimitedAndWithoutItsMessage() {
        Logger logger = Logger.getLogger("dev.tokenguard");
        List<String> lines = new ArrayList<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    lines.add(formatter.format(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        List<Verification> results = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                results.add(RejectionLog.unexpected("JWT verifier",
                        new IllegalStateException("eyJhbGciOiJSUzI1NiJ9.secret-token-text")));
            }
        } finally {
            logger.removeHandler(handler);
        }
        for (Verification v : results) {
            assertEquals(Rejection.VERIFICATION_FAILED, v.rejection());
            assertEquals("unexpected IllegalStateException", v.detail());
        }
        assertEquals(1, lines.size(), lines::toString);
        String line = lines.get(0);
        assertTrue(line.contains("failed unexpectedly"), line);
        assertTrue(line.contains("java.lang.IllegalStateException (message withheld)"), line);
        assertTrue(line.contains("at " + RejectionLogTest.class.getName()), "the stack trace is logged: " + line);
        assertFalse(line.contains("secret-token-text"), line);
    }
}
