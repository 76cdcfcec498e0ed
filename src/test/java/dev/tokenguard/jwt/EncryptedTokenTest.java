package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.AesKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Encrypted tokens (MicroProfile JWT 2.1): a signed JWT encrypted with RSA-OAEP or RSA-OAEP-256 and A256GCM to the
 * configured private key. With a decryption key, nothing else is accepted; without one, nothing encrypted is.
 */
class EncryptedTokenTest {

    private static final String ISSUER = "https://issuer.test";
    private static final RsaKeyPair SIGNER = RsaKeyPair.generate();
    private static final RsaKeyPair RECIPIENT = RsaKeyPair.generate();
    private static final RsaKeyPair OTHER = RsaKeyPair.generate();

    private static final JwtVerifier VERIFIER = verifier().build();

    private static JwtVerifier.Builder verifier() {
        return JwtVerifier.builder().publicKey(SIGNER.publicKeyPem()).issuer(ISSUER)
                .decryptionKey(RECIPIENT.privateKeyPem());
    }

    private static String signed() {
        return signed(TestTokens.claims());
    }

    private static String signed(Map<String, Object> claims) {
        return TestTokens.sign(TestTokens.header("RS256"), claims, SIGNER.privateKey());
    }

    /** The usual encrypted token: signed by the issuer, RSA-OAEP-256 to the recipient, {@code cty: JWT}. */
    private static String encrypted(String inner) {
        return TestTokens.encryptJwt(inner, "RSA-OAEP-256", null, RECIPIENT.publicKey());
    }

    private static String withHeader(String header, String inner) {
        return TestTokens.encrypt(header, "RSA-OAEP-256", "A256GCM", inner.getBytes(StandardCharsets.US_ASCII),
                RECIPIENT.publicKey());
    }

    private static Verification verify(String token) {
        return VERIFIER.verify(token);
    }

    private static void refused(Rejection expected, String token) {
        Verification v = verify(token);
        assertEquals(expected, v.rejection(), () -> "expected " + expected + ", got " + v);
    }

    /** A JWE made by jose4j's own producer, which also makes what TokenGuard refuses. */
    private static String jose4j(String alg, String enc, Key key, String cty, String zip, String plaintext) {
        return dev.tokenguard.testing.Jose4jJwe.encrypt(alg, enc, key, null, cty, zip, plaintext);
    }

    static Map<String, Object> privateJwk(RsaKeyPair pair, String kid, String use, String alg) {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey(pair.publicKey());
            jwk.setPrivateKey(pair.privateKey());
            if (kid != null) {
                jwk.setKeyId(kid);
            }
            if (use != null) {
                jwk.setUse(use);
            }
            if (alg != null) {
                jwk.setAlgorithm(alg);
            }
            return jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- what is accepted ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP", "RSA-OAEP-256"})
    void aSignedTokenEncryptedWithRsaOaepOrRsaOaep256AndA256GcmIsAccepted(String alg) {
        Verification v = verify(TestTokens.encryptJwt(signed(), alg, null, RECIPIENT.publicKey()));

        assertTrue(v.isAccepted(), v::toString);
        assertEquals("alice", v.accessToken().subject());
    }

    @Test
    void aTokenMadeByJose4jsOwnJweProducerIsAccepted() {
        assertTrue(verify(jose4j("RSA-OAEP", "A256GCM", RECIPIENT.publicKey(), "JWT", null, signed())).isAccepted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "Jwt", "application/jwt", "APPLICATION/JWT"})
    void ctyIsJwtInAnyCaseWithOrWithoutItsApplicationPrefix(String cty) {
        String token = withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"" + cty + "\"}", signed());

        assertTrue(verify(token).isAccepted(), () -> cty + ": " + verify(token));
    }

    @Test
    void theAccessTokenKeepsTheTokenAsItWasPresented() {
        String token = encrypted(signed());

        assertEquals(token, verify(token).accessToken().token());
    }

    @Test
    void aCachedEncryptedTokenIsStillCheckedForExpiry() {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        JwtVerifier cached = verifier().clock(clock).build();
        Map<String, Object> claims = TestTokens.claims(clock.instant());
        claims.put("exp", clock.instant().getEpochSecond() + 120);
        String token = encrypted(signed(claims));

        assertTrue(cached.verify(token).isAccepted());
        clock.advance(java.time.Duration.ofSeconds(300));
        assertEquals(Rejection.EXPIRED, cached.verify(token).rejection());
    }

    // --- what a decryption key changes -------------------------------------------------------------------

    @Test
    void withADecryptionKeyASignedTokenIsRefused() {
        Verification v = verify(signed());

        assertEquals(Rejection.MALFORMED, v.rejection());
        assertTrue(v.detail().contains("an encrypted token (JWE) is required"), v.detail());
    }

    @Test
    void withoutADecryptionKeyEncryptedTokensStayRefused() {
        JwtVerifier plain = JwtVerifier.builder().publicKey(SIGNER.publicKeyPem()).issuer(ISSUER).build();

        Verification v = plain.verify(encrypted(signed()));
        assertEquals(Rejection.MALFORMED, v.rejection());
        assertTrue(v.detail().contains("encrypted tokens (JWE) are not accepted"), v.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 6, 7})
    void anythingButFivePartsIsMalformed(int parts) {
        String token = String.join(".", java.util.Collections.nCopies(parts, "AAAA"));

        refused(Rejection.MALFORMED, token);
    }

    // --- the JWE header, before any key is used -------------------------------------------------------------

    @Test
    void decryptionAlgorithmRestrictsAlg() {
        JwtVerifier oaep256Only = verifier().decryptionAlgorithm("RSA-OAEP-256").build();

        assertTrue(oaep256Only.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP-256", null, RECIPIENT.publicKey()))
                .isAccepted());
        assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, oaep256Only.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP",
                null, RECIPIENT.publicKey())).rejection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A128GCM", "A192GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"})
    void contentEncryptionOtherThanA256GcmIsRefused(String enc) {
        String token = TestTokens.encrypt("{\"alg\":\"RSA-OAEP\",\"enc\":\"" + enc + "\",\"cty\":\"JWT\"}", "RSA-OAEP",
                enc, signed().getBytes(StandardCharsets.US_ASCII), RECIPIENT.publicKey());

        refused(Rejection.ALGORITHM_NOT_ALLOWED, token);
    }

    @Test
    void aJweHeaderWithoutEncIsMalformed() {
        refused(Rejection.MALFORMED, withHeader("{\"alg\":\"RSA-OAEP-256\",\"cty\":\"JWT\"}", signed()));
    }

    /**
     * Refused by their {@code alg} before any key operation, so the header's other members (a key of the token's
     * choosing, an iteration count) are never used; that the parts are junk does not matter.
     */
    @ParameterizedTest
    @ValueSource(strings = {"RSA1_5", "dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A256GCMKW", "ECDH-ES",
        "ECDH-ES+A128KW", "ECDH-ES+A256KW", "PBES2-HS256+A128KW", "PBES2-HS512+A256KW", "RSA-OAEP-384",
        "RSA-OAEP-512", "none", "rsa-oaep", "RSA-OAEP ", ""})
    void keyManagementOtherThanRsaOaepIsRefusedBeforeAnyKeyIsUsed(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"p2c\":2000000000}";

        refused(Rejection.ALGORITHM_NOT_ALLOWED, TestTokens.b64(header) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void realTokensOfRefusedAlgorithmsAreRefusedToo() {
        KeyPair ec = TestTokens.ec("P-256");
        String inner = signed();
        refused(Rejection.ALGORITHM_NOT_ALLOWED, jose4j("RSA1_5", "A256GCM", RECIPIENT.publicKey(), "JWT", null, inner));
        refused(Rejection.ALGORITHM_NOT_ALLOWED, jose4j("dir", "A256GCM", new AesKey(new byte[32]), "JWT", null, inner));
        refused(Rejection.ALGORITHM_NOT_ALLOWED, jose4j("A256KW", "A256GCM", new AesKey(new byte[32]), "JWT", null, inner));
        refused(Rejection.ALGORITHM_NOT_ALLOWED, jose4j("ECDH-ES", "A256GCM", ec.getPublic(), "JWT", null, inner));
        refused(Rejection.ALGORITHM_NOT_ALLOWED, jose4j("PBES2-HS256+A128KW", "A256GCM",
                new org.jose4j.keys.PbkdfKey("password"), "JWT", null, inner));
    }

    /**
     * The invalid-curve attack (an {@code epk} off its curve that leaks the recipient's EC key bit by bit) needs an
     * ECDH-ES key agreement; TokenGuard decrypts with RSA keys only and refuses ECDH-ES by its {@code alg}, before the
     * {@code epk} is even read.
     */
    @Test
    void invalidCurveAttacksDoNotApplyBecauseEcdhEsIsRefusedByItsAlg() {
        String offCurve = "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"epk\":{\"kty\":\"EC\","
                + "\"crv\":\"P-256\",\"x\":\"" + TestTokens.b64(new byte[32]) + "\",\"y\":\"" + TestTokens.b64(new byte[32])
                + "\"}}";

        refused(Rejection.ALGORITHM_NOT_ALLOWED, TestTokens.b64(offCurve) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void compressedPlaintextIsRefusedSoNoDeflateBombIsEverInflated() {
        // 4 MB of spaces deflates to a few kB: it fits the size cap.
        String bomb = jose4j("RSA-OAEP-256", "A256GCM", RECIPIENT.publicKey(), "JWT", "DEF", " ".repeat(4_000_000));
        assertTrue(bomb.length() < JwtVerifier.DEFAULT_MAX_TOKEN_SIZE, "bomb of " + bomb.length() + " chars");

        refused(Rejection.ALGORITHM_NOT_ALLOWED, bomb);
        refused(Rejection.ALGORITHM_NOT_ALLOWED, jose4j("RSA-OAEP-256", "A256GCM", RECIPIENT.publicKey(), "JWT", "DEF",
                signed()));
    }

    @Test
    void critIsCheckedAsInASignedTokenHeader() {
        String unknown = "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"crit\":[\"x-tenant\"],"
                + "\"x-tenant\":\"a\"}";
        refused(Rejection.UNSUPPORTED_CRITICAL_HEADER, withHeader(unknown, signed()));
        for (String crit : List.of("[]", "\"x\"", "[\"zip\"]", "[\"epk\"]", "[\"missing\"]", "[7]", "null")) {
            refused(Rejection.UNSUPPORTED_CRITICAL_HEADER, withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\","
                    + "\"cty\":\"JWT\",\"crit\":" + crit + "}", signed()));
        }

        JwtVerifier understanding = verifier().criticalHeaders("x-tenant").build();
        assertTrue(understanding.verify(withHeader(unknown, signed())).isAccepted());
    }

    @Test
    void theJweHeaderIsStrictJson() {
        refused(Rejection.MALFORMED, withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\","
                + "\"alg\":\"dir\"}", signed()));
        refused(Rejection.MALFORMED, withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\","
                + "\"x\":[" + "0,".repeat(62) + "0]}", signed()));
        refused(Rejection.MALFORMED, withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",}",
                signed()));
        refused(Rejection.MALFORMED, withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\","
                + "\"kid\":7}", signed()));
    }

    // --- what is inside ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"cty\":\"JSON\"", ",\"cty\":\"application/json\"", ",\"cty\":\"JWE\"", ",\"cty\":7"})
    void withoutCtyJwtTheTokenIsRefusedBeforeDecryption(String cty) {
        // MP-JWT 2.1 requires cty JWT on a nested token; its TCK (RolesAllowedSignEncryptTest.callEchoWithoutCty)
        // expects 401 for a signed-then-encrypted token without it.
        Verification v = verify(withHeader("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"" + cty + "}", signed()));

        assertEquals(Rejection.MALFORMED, v.rejection());
        assertTrue(v.detail().contains("cty"), v.detail());
    }

    @Test
    void encryptedClaimsThatAreNotSignedAreRefused() {
        String claims = JsonUtil.toJson(TestTokens.claims());

        refused(Rejection.MALFORMED, encrypted(claims));
        refused(Rejection.MALFORMED, encrypted("eyJhbGciOiJub25lIn0." + TestTokens.b64(claims) + "."));
        refused(Rejection.MALFORMED, encrypted(encrypted(signed())));
        refused(Rejection.MALFORMED, encrypted(""));
    }

    @Test
    void theInnerTokenGoesThroughEverySignatureAndClaimRule() {
        refused(Rejection.BAD_SIGNATURE, encrypted(TestTokens.sign(TestTokens.header("RS256"), TestTokens.claims(),
                OTHER.privateKey())));
        refused(Rejection.ALGORITHM_NOT_ALLOWED, encrypted(TestTokens.sign(TestTokens.header("HS256"),
                TestTokens.claims(), new HmacKey(SIGNER.publicKeyPem().getBytes(StandardCharsets.UTF_8)))));
        Map<String, Object> expired = TestTokens.claims(java.time.Instant.now().minusSeconds(7200));
        refused(Rejection.EXPIRED, encrypted(signed(expired)));
        Map<String, Object> otherIssuer = TestTokens.claims();
        otherIssuer.put("iss", "https://evil.test");
        refused(Rejection.WRONG_ISSUER, encrypted(signed(otherIssuer)));
        String[] p = signed().split("\\.");
        refused(Rejection.MALFORMED, encrypted(p[0] + "=." + p[1] + "." + p[2]));
    }

    // --- decryption: one refusal for every failure ---------------------------------------------------------

    private static String replacePart(String token, int part, byte[] bytes) {
        String[] p = token.split("\\.", -1);
        p[part] = TestTokens.b64(bytes);
        return String.join(".", p);
    }

    private static byte[] part(String token, int part) {
        return Base64.getUrlDecoder().decode(token.split("\\.", -1)[part]);
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    @Test
    void everyDecryptionFailureIsTheSameRefusalWithTheSameDetail() {
        String good = encrypted(signed());
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("encrypted to another key", TestTokens.encryptJwt(signed(), "RSA-OAEP-256", null, OTHER.publicKey()));
        broken.put("encrypted key: first byte flipped", replacePart(good, 1, flipped(part(good, 1), 0)));
        broken.put("encrypted key: last byte flipped", replacePart(good, 1, flipped(part(good, 1), 255)));
        broken.put("encrypted key: truncated", replacePart(good, 1, Arrays.copyOf(part(good, 1), 255)));
        broken.put("encrypted key: empty", replacePart(good, 1, new byte[0]));
        broken.put("encrypted key: zero", replacePart(good, 1, new byte[256]));
        broken.put("encrypted key: all ones (beyond the modulus)", replacePart(good, 1, filled(256, (byte) 0xFF)));
        broken.put("IV flipped", replacePart(good, 2, flipped(part(good, 2), 3)));
        broken.put("IV of 16 bytes", replacePart(good, 2, Arrays.copyOf(part(good, 2), 16)));
        broken.put("IV of 8 bytes", replacePart(good, 2, Arrays.copyOf(part(good, 2), 8)));
        broken.put("IV empty", replacePart(good, 2, new byte[0]));
        broken.put("ciphertext flipped", replacePart(good, 3, flipped(part(good, 3), 10)));
        broken.put("ciphertext truncated", replacePart(good, 3, Arrays.copyOf(part(good, 3), 20)));
        broken.put("tag flipped", replacePart(good, 4, flipped(part(good, 4), 15)));
        broken.put("tag of 12 bytes", replacePart(good, 4, Arrays.copyOf(part(good, 4), 12)));
        broken.put("tag empty", replacePart(good, 4, new byte[0]));
        broken.put("another token's encrypted key", replacePart(good, 1, part(encrypted(signed()), 1)));
        broken.put("header changed (AAD)", withHeaderPart(good, "{\"cty\":\"JWT\",\"alg\":\"RSA-OAEP-256\","
                + "\"enc\":\"A256GCM\"}"));
        broken.put("a 128-bit content key wrapped for A256GCM", wrappedShortKey());
        for (Map.Entry<String, String> e : broken.entrySet()) {
            Verification v = verify(e.getValue());
            assertEquals(Rejection.UNDECRYPTABLE, v.rejection(), () -> e.getKey() + ": " + v);
            assertEquals(JweDecryption.UNDECRYPTABLE, v.detail(), e.getKey());
        }
    }

    private static String withHeaderPart(String token, String header) {
        String[] p = token.split("\\.", -1);
        p[0] = TestTokens.b64(header);
        return String.join(".", p);
    }

    /** A JWE whose RSA-OAEP-256 key unwraps fine but is 16 bytes: A128GCM's content key under an A256GCM header. */
    private static String wrappedShortKey() {
        String a128 = TestTokens.encrypt("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}", "RSA-OAEP-256",
                "A128GCM", signed().getBytes(StandardCharsets.US_ASCII), RECIPIENT.publicKey());
        return withHeaderPart(a128, "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}");
    }

    private static byte[] filled(int n, byte b) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, b);
        return bytes;
    }

    // --- form ------------------------------------------------------------------------------------------------

    @Test
    void everyPartIsStrictBase64url() {
        String good = encrypted(signed());
        for (int i = 0; i < 5; i++) {
            String[] p = good.split("\\.", -1);
            String[] padded = p.clone();
            padded[i] = p[i] + (p[i].length() % 4 == 2 ? "==" : p[i].length() % 4 == 3 ? "=" : "====");
            refused(Rejection.MALFORMED, String.join(".", padded));
            String[] standard = p.clone();
            standard[i] = p[i].substring(0, 1) + "+" + p[i].substring(2);
            refused(Rejection.MALFORMED, String.join(".", standard));
            String[] outsideTheAlphabet = p.clone();
            outsideTheAlphabet[i] = p[i].substring(0, p[i].length() - 1) + "!";
            refused(Rejection.MALFORMED, String.join(".", outsideTheAlphabet));
            if (p[i].length() % 4 != 0) {
                String[] unusedBits = p.clone();
                unusedBits[i] = flipUnusedBit(p[i]);
                refused(Rejection.MALFORMED, String.join(".", unusedBits));
            }
        }
    }

    private static String flipUnusedBit(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = part.charAt(part.length() - 1);
        return part.substring(0, part.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    }

    @Test
    void theSizeCapAppliesToTheWholeEncryptedTokenBeforeDecryption() {
        String token = encrypted(signed());
        JwtVerifier small = verifier().maxTokenSize(token.length() - 1).build();

        assertEquals(Rejection.TOO_LARGE, small.verify(token).rejection());
        assertTrue(verifier().maxTokenSize(token.length()).build().verify(token).isAccepted());
    }

    // --- keys ---------------------------------------------------------------------------------------------

    @Test
    void kidSelectsTheKeyOfAJwkSet() {
        String set = TestTokens.jwks(privateJwk(RECIPIENT, "enc-1", "enc", null), privateJwk(OTHER, "enc-2", "enc", null));
        JwtVerifier keySet = JwtVerifier.builder().publicKey(SIGNER.publicKeyPem()).decryptionKey(set).build();

        assertTrue(keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP", "enc-1", RECIPIENT.publicKey())).isAccepted());
        assertTrue(keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP", "enc-2", OTHER.publicKey())).isAccepted());
        assertEquals(Rejection.UNDECRYPTABLE, keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP", "enc-2",
                RECIPIENT.publicKey())).rejection());
        assertEquals(Rejection.UNKNOWN_KEY, keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP", "enc-3",
                RECIPIENT.publicKey())).rejection());
        assertEquals(Rejection.UNKNOWN_KEY, keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP", null,
                RECIPIENT.publicKey())).rejection(), "no kid, two keys fit");
    }

    @Test
    void withoutKidTheOnlyKeyThatFitsTheAlgIsUsed() {
        String set = TestTokens.jwks(privateJwk(RECIPIENT, "oaep", null, "RSA-OAEP"),
                privateJwk(OTHER, "oaep-256", null, "RSA-OAEP-256"));
        JwtVerifier keySet = JwtVerifier.builder().publicKey(SIGNER.publicKeyPem()).decryptionKey(set).build();

        assertTrue(keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP", null, RECIPIENT.publicKey())).isAccepted());
        assertTrue(keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP-256", null, OTHER.publicKey())).isAccepted());
        // a key whose alg is RSA-OAEP never serves RSA-OAEP-256, whatever the kid says
        assertEquals(Rejection.UNKNOWN_KEY, keySet.verify(TestTokens.encryptJwt(signed(), "RSA-OAEP-256", "oaep",
                RECIPIENT.publicKey())).rejection());
    }

    @Test
    void aSingleJwkOrItsBase64urlWorksAsTheKey() {
        String jwk = JsonUtil.toJson(privateJwk(RECIPIENT, "k", "enc", "RSA-OAEP-256"));
        for (String text : List.of(jwk, TestTokens.b64(jwk), TestTokens.b64(TestTokens.jwks(privateJwk(RECIPIENT, "k",
                null, null))))) {
            JwtVerifier v = JwtVerifier.builder().publicKey(SIGNER.publicKeyPem()).decryptionKey(text).build();
            assertTrue(v.verify(encrypted(signed())).isAccepted());
        }
    }

    @Test
    void refusalsNeverRepeatTheTokenOrKeyMaterial() {
        String good = encrypted(signed());
        List<String> tokens = new ArrayList<>(List.of(good, replacePart(good, 4, new byte[16]),
                replacePart(good, 2, new byte[16]), signed(), good + "=", withHeader("{\"alg\":\"RSA-OAEP-256\","
                        + "\"enc\":\"A256GCM\"}", signed())));
        for (String token : tokens) {
            Verification v = verify(token);
            for (String part : token.split("\\.")) {
                if (part.length() >= 16) {
                    assertFalse(v.detail().contains(part), v::toString);
                }
            }
            assertFalse(v.detail().contains(RECIPIENT.privateKey().getPrivateExponent().toString(16).substring(0, 20)));
        }
        assertFalse(VERIFIER.toString().contains(TestTokens.b64(RECIPIENT.publicKey().getModulus().toByteArray())
                .substring(5, 40)), VERIFIER::toString);
        assertTrue(VERIFIER.toString().contains("RSA-OAEP"), VERIFIER::toString);
    }

    // --- building ---------------------------------------------------------------------------------------------

    @Nested
    class Building {

        private JwtVerifier.InvalidSettingException refusedBuild(JwtVerifier.Builder builder, String setting) {
            JwtVerifier.InvalidSettingException e = assertThrows(JwtVerifier.InvalidSettingException.class,
                    builder::build);
            assertEquals(setting, e.setting(), e::getMessage);
            return e;
        }

        @Test
        void aDecryptionKeyUnder2048BitsIsRefused() {
            KeyPair weak = TestTokens.rsa(1024);
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    weak.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

            String message = refusedBuild(verifier().decryptionKey(pem), "decryptionKey").getMessage();
            assertTrue(message.contains("1024 bits"), message);
        }

        @Test
        void aPublicKeyOrCertificateIsNoDecryptionKey() {
            String message = refusedBuild(verifier().decryptionKey(RECIPIENT.publicKeyPem()), "decryptionKey")
                    .getMessage();
            assertTrue(message.contains("private key"), message);
            refusedBuild(verifier().decryptionKey(JsonUtil.toJson(TestTokens.jwk(RECIPIENT.publicKey(), "k", "enc",
                    null))), "decryptionKey");
        }

        @Test
        void pkcs1AndEncryptedPemKeysAreRefusedSayingWhatToDo() {
            String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----";
            assertTrue(refusedBuild(verifier().decryptionKey(pkcs1), "decryptionKey").getMessage()
                    .contains("openssl pkcs8"));
            String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----";
            refusedBuild(verifier().decryptionKey(encrypted), "decryptionKey");
            refusedBuild(verifier().decryptionKey("not a key"), "decryptionKey");
            refusedBuild(verifier().decryptionKey(" "), "decryptionKey");
        }

        @Test
        void anEcPrivateKeyIsRefused() {
            KeyPair ec = TestTokens.ec("P-256");
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    ec.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            refusedBuild(verifier().decryptionKey(pem), "decryptionKey");
        }

        @Test
        void jwksWithoutAUsableKeyOrWithAmbiguousKidsAreRefused() {
            String signing = TestTokens.jwks(privateJwk(RECIPIENT, "a", "sig", null));
            String message = refusedBuild(verifier().decryptionKey(signing), "decryptionKey").getMessage();
            assertTrue(message.contains("\"enc\""), message);
            refusedBuild(verifier().decryptionKey(TestTokens.jwks(privateJwk(RECIPIENT, "a", null, "RS256"))),
                    "decryptionKey");
            refusedBuild(verifier().decryptionKey(TestTokens.jwks(privateJwk(RECIPIENT, "a", null, null),
                    privateJwk(OTHER, "a", null, null))), "decryptionKey");
            Map<String, Object> ops = new LinkedHashMap<>(privateJwk(RECIPIENT, "a", null, null));
            ops.put("key_ops", List.of("sign"));
            refusedBuild(verifier().decryptionKey(TestTokens.jwks(ops)), "decryptionKey");
            ops.put("key_ops", List.of("unwrapKey"));
            verifier().decryptionKey(TestTokens.jwks(ops)).build();
        }

        @Test
        void aKeyWhoseAlgIsNotAllowedIsRefused() {
            String jwk = JsonUtil.toJson(privateJwk(RECIPIENT, "k", "enc", "RSA-OAEP"));

            refusedBuild(verifier().decryptionKey(jwk).decryptionAlgorithm("RSA-OAEP-256"), "decryptionKey");
        }

        @ParameterizedTest
        @ValueSource(strings = {"RSA1_5", "dir", "A128KW", "A256GCMKW", "ECDH-ES", "ECDH-ES+A256KW",
            "PBES2-HS256+A128KW", "RSA-OAEP-384", "none", "RS256", ""})
        void onlyRsaOaepAndRsaOaep256CanBeConfigured(String alg) {
            String message = refusedBuild(verifier().decryptionAlgorithm("RSA-OAEP", alg), "decryptionAlgorithm")
                    .getMessage();
            assertTrue(message.contains("RSA-OAEP or RSA-OAEP-256"), message);
        }

        @Test
        void bothAlgorithmsAreAllowedWhenNoneIsSet() {
            assertTrue(VERIFIER.toString().contains("[RSA-OAEP, RSA-OAEP-256] with A256GCM"), VERIFIER::toString);
        }

        @Test
        void decryptionAlgorithmsWithoutADecryptionKeyAreAMistake() {
            refusedBuild(JwtVerifier.builder().publicKey(SIGNER.publicKeyPem()).decryptionAlgorithm("RSA-OAEP"),
                    "decryptionAlgorithm");
        }

        @Test
        void aDecryptionKeyAloneIsNotEnoughSinceAnyoneCanEncrypt() {
            String message = refusedBuild(JwtVerifier.builder().decryptionKey(RECIPIENT.privateKeyPem()), "keySource")
                    .getMessage();
            assertTrue(message.contains("signed by the issuer, then encrypted"), message);
        }

        @Test
        void messagesNeverContainKeyMaterial() {
            Map<String, Object> sig = privateJwk(RECIPIENT, "a", "sig", null);
            Map<String, Object> broken = new LinkedHashMap<>(privateJwk(RECIPIENT, "a", null, null));
            broken.put("p", "AAAA");
            for (String text : List.of(JsonUtil.toJson(sig), JsonUtil.toJson(broken), TestTokens.jwks(broken))) {
                String message = assertThrows(IllegalArgumentException.class,
                        () -> verifier().decryptionKey(text).build()).getMessage();
                assertFalse(message.contains((String) sig.get("d")), message);
                assertFalse(message.contains(((String) sig.get("n")).substring(0, 30)), message);
            }
        }
    }
}
