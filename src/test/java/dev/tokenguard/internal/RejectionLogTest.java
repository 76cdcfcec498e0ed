package dev.tokenguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bug inside verification refuses the token and tells the operator, once a minute at most, without the token.
 * (Nothing else in the unit suite fails unexpectedly, so the first call here is the first in the JVM.)
 */
class RejectionLogTest {

    @Test
    void anUnexpectedFailureIsAWarningWithItsStackTraceRateLimitedAndWithoutItsMessage() {
        List<Verification> results = new ArrayList<>();
        List<String> lines = LogCapture.warnings(() -> {
            for (int i = 0; i < 3; i++) {
                results.add(RejectionLog.unexpected("JWT verifier",
                        new IllegalStateException("eyJhbGciOiJSUzI1NiJ9.secret-token-text")));
            }
        });
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
