package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** Choosing a key from a set: what is skipped, how kid selects, and when a token without kid works. */
class KeySelectionTest {

    private static final KeyPair A = TestTokens.rsa(2048);
    private static final KeyPair B = TestTokens.rsa(2048);
    private static final KeyPair EC = TestTokens.ec("P-256");

    private static JwtVerifier verifier(String jwks, String... algorithms) {
        return JwtVerifier.builder().publicKey(jwks).algorithm(algorithms.length == 0 ? new String[] {"RS256"}
                : algorithms).build();
    }

    private static String token(KeyPair keys, String alg, String kid) {
        return TestTokens.sign(kid == null ? TestTokens.header(alg) : TestTokens.header(alg, kid), TestTokens.claims(),
                keys.getPrivate());
    }

    @Test
    void kidSelectsTheKey() {
        JwtVerifier v = verifier(TestTokens.jwks(TestTokens.jwk(A.getPublic(), "a", "sig", "RS256"),
                TestTokens.jwk(B.getPublic(), "b", "sig", "RS256")));
        assertTrue(v.verify(token(A, "RS256", "a")).isAccepted());
        assertTrue(v.verify(token(B, "RS256", "b")).isAccepted());
        assertEquals(Rejection.BAD_SIGNATURE, v.verify(token(A, "RS256", "b")).rejection(), "kid b, signed by a");
        assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(A, "RS256", "c")).rejection());
    }

    @Test
    void tokenWithoutKidNeedsExactlyOneUsableKey() {
        JwtVerifier two = verifier(TestTokens.jwks(TestTokens.jwk(A.getPublic(), "a", "sig", null),
                TestTokens.jwk(B.getPublic(), "b", "sig", null)));
        assertEquals(Rejection.UNKNOWN_KEY, two.verify(token(A, "RS256", null)).rejection());
        // Two keys, but only one fits RS256 (the other is EC): a token without kid works.
        JwtVerifier oneFits = verifier(TestTokens.jwks(TestTokens.jwk(A.getPublic(), "a", "sig", null),
                TestTokens.jwk(EC.getPublic(), "e", "sig", null)), "RS256", "ES256");
        assertTrue(oneFits.verify(token(A, "RS256", null)).isAccepted());
        assertTrue(oneFits.verify(token(EC, "ES256", null)).isAccepted());
    }

    @Test
    void keysThatDoNotFitAreSkipped() {
        Map<String, Object> encryption = TestTokens.jwk(B.getPublic(), "enc", "enc", null);
        Map<String, Object> otherAlg = TestTokens.jwk(B.getPublic(), "ps", "sig", "PS256");
        Map<String, Object> noVerifyOp = new LinkedHashMap<>(TestTokens.jwk(B.getPublic(), "ops", null, null));
        noVerifyOp.put("key_ops", List.of("encrypt"));
        Map<String, Object> malformed = Map.of("kty", "RSA", "kid", "broken", "n", "!!");
        Map<String, Object> unknownType = Map.of("kty", "XYZ", "kid", "xyz");
        Map<String, Object> good = TestTokens.jwk(A.getPublic(), "good", "sig", "RS256");
        JwtVerifier v = verifier(TestTokens.jwks(encryption, otherAlg, noVerifyOp, malformed, unknownType, good));
        assertTrue(v.verify(token(A, "RS256", "good")).isAccepted());
        assertTrue(v.verify(token(A, "RS256", null)).isAccepted(), "one usable RS256 key remains");
        assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(B, "RS256", "enc")).rejection());
        assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(B, "RS256", "ps")).rejection(), "alg mismatch");
        assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(B, "RS256", "ops")).rejection());
        assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(B, "RS256", "broken")).rejection());
    }

    @Test
    void wrongKeyTypeForTheAlgorithmIsSkipped() {
        JwtVerifier v = verifier(TestTokens.jwks(TestTokens.jwk(EC.getPublic(), "k", "sig", null),
                TestTokens.jwk(A.getPublic(), "r", "sig", null)), "RS256", "ES256");
        // kid "k" names an EC key; an RS256 token with that kid finds no RSA key called "k".
        assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(A, "RS256", "k")).rejection());
        assertTrue(v.verify(token(EC, "ES256", "k")).isAccepted());
    }

    @Test
    void singlePemKeyServesTokensWithAnyKid() {
        JwtVerifier v = JwtVerifier.builder().publicKey(TestTokens.pem(A.getPublic())).build();
        assertTrue(v.verify(token(A, "RS256", "whatever-2024")).isAccepted());
        assertTrue(v.verify(token(A, "RS256", null)).isAccepted());
    }

    @Test
    void kidIsOnlyALookupKey() {
        JwtVerifier v = verifier(TestTokens.jwks(TestTokens.jwk(A.getPublic(), "a", "sig", "RS256")));
        for (String kid : List.of("../../../../etc/passwd", "' OR '1'='1", "a".repeat(5000), "a\u0000", "")) {
            assertEquals(Rejection.UNKNOWN_KEY, v.verify(token(A, "RS256", kid)).rejection(), kid);
        }
    }

    @Test
    void ambiguousOrMixedSetsAreRefusedWhenLoaded() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> verifier(
                TestTokens.jwks(TestTokens.jwk(A.getPublic(), "same", "sig", null),
                        TestTokens.jwk(B.getPublic(), "same", "sig", null))));
        assertTrue(duplicate.getMessage().contains("two RSA keys with kid"), duplicate.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> verifier(
                TestTokens.jwks(TestTokens.jwk(TestTokens.secret(32), "s", "sig", "HS256"),
                        TestTokens.jwk(A.getPublic(), "a", "sig", null))));
        assertTrue(mixed.getMessage().contains("mixes"), mixed.getMessage());
    }

    @Test
    void aSetWithoutAnyUsableKeyExplainsWhy() {
        String onlyEncryption = TestTokens.jwks(TestTokens.jwk(A.getPublic(), "enc", "enc", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verifier(onlyEncryption));
        assertTrue(e.getMessage().contains("no usable") && e.getMessage().contains("\"use\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> verifier(JsonUtil.toJson(Map.of("keys", "nope"))));
    }
}
