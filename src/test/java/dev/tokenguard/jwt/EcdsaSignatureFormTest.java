package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECDSA signatures must be exactly R || S of the curve's size with 0 < r, s < n. */
class EcdsaSignatureFormTest {

    private static String signingInput() {
        return TestTokens.b64("{\"alg\":\"ALG\"}") + "." + TestTokens.b64(JsonUtil.toJson(TestTokens.claims()));
    }

    private static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ES256, P-256, 32", "ES384, P-384, 48", "ES512, P-521, 66"})
    void onlyTheCanonicalFormVerifies(String alg, String curve, int half) {
        KeyPair keys = TestTokens.ec(curve);
        JwtVerifier v = JwtVerifier.builder().publicKey(TestTokens.pem(keys.getPublic())).algorithm(alg).build();
        String input = signingInput().replace(TestTokens.b64("{\"alg\":\"ALG\"}"),
                TestTokens.b64("{\"alg\":\"" + alg + "\"}"));
        byte[] good = TestTokens.signature(input, alg, keys.getPrivate());
        assertEquals(2 * half, good.length);
        assertTrue(v.verify(input + "." + TestTokens.b64(good)).isAccepted());

        BigInteger n = ((ECPublicKey) keys.getPublic()).getParams().getOrder();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(good, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(good, half, 2 * half));

        byte[][] bad = {
            new byte[2 * half],                                                   // r = s = 0 (psychic signature)
            concat(fixed(r, half), new byte[half]),                               // s = 0
            concat(fixed(r.add(n), half + 1), fixed(s, half)),                    // r + n: same value mod n
            concat(fixed(r, half), fixed(s.add(n), half + 1)),                    // s + n
            concat(fixed(n, half), fixed(s, half)),                               // r = n
            Arrays.copyOf(good, good.length - 1),                                 // too short
            Arrays.copyOf(good, good.length + 1),                                 // trailing zero
            concat(new byte[] {0}, good),                                         // leading zero
            new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},          // DER instead of R || S
        };
        for (int i = 0; i < bad.length; i++) {
            assertEquals(Rejection.BAD_SIGNATURE, v.verify(input + "." + TestTokens.b64(bad[i])).rejection(),
                    alg + " malformed signature #" + i);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
