package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CompactJws decodes base64url itself (BENCHMARKS.md); the bytes must be the JDK decoder's, for every length. */
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
}
