package dev.tokenguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What TokenGuard writes into a log line from untrusted input cannot forge or disguise a line. */
class VerificationQuoteTest {

    private static void shown(String what, String input, String expected) {
        assertEquals("'" + expected + "'", Verification.quote(input), what);
    }

    @Test
    void unsafeCharactersBecomeQuestionMarks() {
        shown("CR LF", "a\r\nb", "a??b");
        shown("NEL (C1)", "a\u0085b", "a?b");
        shown("line separator", "a\u2028b", "a?b");
        shown("paragraph separator", "a\u2029b", "a?b");
        shown("right-to-left override", "a\u202eb", "a?b");
        shown("right-to-left isolate", "a\u2067b", "a?b");
        shown("left-to-right mark", "a\u200eb", "a?b");
        shown("arabic letter mark", "a\u061cb", "a?b");
        shown("zero-width space", "a\u200bb", "a?b");
        shown("byte order mark", "a\ufeffb", "a?b");
        shown("unpaired high surrogate", "a\ud800b", "a?b");
        shown("unpaired low surrogate", "a\udc00b", "a?b");
        shown("a tag character (supplementary, format)", "a\udb40\udc41b", "a?b");
    }

    @Test
    void ordinaryTextIsKept() {
        shown("a surrogate pair is one character", "a\ud83d\ude00b", "a\ud83d\ude00b");
        shown("plain text", "kid-1.é", "kid-1.é");
    }

    @Test
    void aPairCutAtTheLimitLeavesNoHalf() {
        String input = "a".repeat(39) + "\ud83d\ude00";
        assertEquals("'" + "a".repeat(39) + "?...(41 chars)'", Verification.quote(input));
    }
}
