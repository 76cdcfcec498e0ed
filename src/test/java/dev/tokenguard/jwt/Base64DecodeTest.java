package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CompactJws decodes a canonical part with the JDK's decoder and anything else with its own strict loop, which names
 * what is wrong: the bytes must be the JDK decoder's for every length, and every non-canonical form refused with the
 * loop's reason, whichever path saw it first.
 */
class Base64DecodeTest {

    @Test
    void sameBytesAsTheJdkDecoder() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(400)];
            random.nextBytes(data);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(data);
            assertArrayEquals(data, CompactJws.decode(text, "part"), text);
            assertArrayEquals(Base64.getUrlDecoder().decode(text), CompactJws.decode(text, "part"), text);
        }
    }

    @Test
    void everyNonCanonicalFormIsRefusedWithItsReason() {
        String canonical = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes());
        assertRefused(canonical + "==", "part is not base64url (character at " + canonical.length() + ")");
        assertRefused(canonical.substring(0, 4) + "=" + canonical.substring(5),
                "part is not base64url (character at 4)");
        assertRefused(canonical.substring(0, 4) + "+" + canonical.substring(5), "part is not base64url (character at 4)");
        assertRefused(canonical.substring(0, 4) + "/" + canonical.substring(5), "part is not base64url (character at 4)");
        assertRefused(canonical.substring(0, 4) + " " + canonical.substring(5), "part is not base64url (character at 4)");
        assertRefused(canonical.substring(0, 4) + "\u00e9" + canonical.substring(5),
                "part is not base64url (character at 4)");
        assertRefused("QUJD" + "R", "part has an impossible base64url length");
        // "QQ" and "QUE" are 'A' and "AA"; "QR" and "QUF" differ from them only in their unused bits
        assertRefused("QR", "part is not canonical base64url (non-zero unused bits)");
        assertRefused("QUF", "part is not canonical base64url (non-zero unused bits)");
    }

    @Test
    void theShortestCanonicalPartsDecode() throws Exception {
        assertArrayEquals("A".getBytes(), CompactJws.decode("QQ", "part"));
        assertArrayEquals("AA".getBytes(), CompactJws.decode("QUE", "part"));
        assertArrayEquals(new byte[0], CompactJws.decode("", "part"));
    }

    private static void assertRefused(String part, String reason) {
        RejectionException e = assertThrows(RejectionException.class, () -> CompactJws.decode(part, "part"), part);
        assertEquals(reason, e.getMessage(), part);
    }
}
