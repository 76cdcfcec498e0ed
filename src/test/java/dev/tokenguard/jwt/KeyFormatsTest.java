package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** Every key format {@code publicKey(String)} takes: PEM SPKI, PKCS#1, certificate, JWK, JWKS, bare base64. */
class KeyFormatsTest {

    static String resource(String name) {
        try (InputStream in = KeyFormatsTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static PrivateKey privateKey(String name, String algorithm) throws Exception {
        String pem = resource(name).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static void assertVerifies(String configuredKey, String alg, PrivateKey signer) {
        JwtVerifier verifier = JwtVerifier.builder().publicKey(configuredKey).algorithm(alg).build();
        String token = TestTokens.sign(TestTokens.header(alg), TestTokens.claims(), signer);
        assertTrue(verifier.verify(token).isAccepted(), () -> verifier.verify(token).toString());
        String other = TestTokens.sign(TestTokens.header(alg), TestTokens.claims(),
                alg.startsWith("ES") ? TestTokens.ec("P-256").getPrivate() : TestTokens.rsa(2048).getPrivate());
        assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(other).rejection());
    }

    @Test
    void x509Certificate() throws Exception {
        assertVerifies(resource("test-cert.pem"), "RS256", privateKey("test-cert-key.pem", "RSA"));
    }

    @Test
    void pkcs1RsaPublicKey() throws Exception {
        assertVerifies(resource("test-rsa-pkcs1-public.pem"), "RS256", privateKey("test-cert-key.pem", "RSA"));
    }

    @Test
    void ecSpkiPublicKeyFromOpenSsl() throws Exception {
        assertVerifies(resource("test-ec-public.pem"), "ES256", privateKey("test-ec-key.pem", "EC"));
    }

    @Test
    void pemWithEscapedNewlinesAsInPropertiesFiles() throws Exception {
        String oneLine = resource("test-cert.pem").strip().replace("\n", "\\n");
        assertVerifies(oneLine, "RS256", privateKey("test-cert-key.pem", "RSA"));
    }

    @Test
    void bareBase64SpkiAsMicroProfileAllows() throws Exception {
        String bare = resource("test-ec-public.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertVerifies(bare, "ES256", privateKey("test-ec-key.pem", "EC"));
    }

    @Test
    void singleJwkAndJwks() {
        RsaKeyPair keys = RsaKeyPair.generate();
        String jwk = keys.toJwk("k1").toJson();
        String jwks = JwksData.of(keys.toJwk("k1")).toJson();
        for (String configured : new String[] {jwk, jwks}) {
            JwtVerifier verifier = JwtVerifier.builder().publicKey(configured).build();
            assertTrue(verifier.verify(keys.token().keyId("k1").create()).isAccepted());
            assertTrue(verifier.verify(keys.token().create()).isAccepted(), "no kid, one key");
            assertEquals(Rejection.UNKNOWN_KEY, verifier.verify(keys.token().keyId("k2").create()).rejection());
        }
    }

    /** MP-JWT's "JWK (Set) Base64 URL encoded"; its TCK encodes with the standard alphabet and padding. */
    @Test
    void base64OfAJwkOrJwksInEitherAlphabet() {
        RsaKeyPair keys = RsaKeyPair.generate();
        String jwk = keys.toJwk("k1").toJson();
        String jwks = JwksData.of(keys.toJwk("k1")).toJson();
        for (String json : new String[] {jwk, jwks}) {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String configured : new String[] {Base64.getEncoder().encodeToString(bytes),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)}) {
                JwtVerifier verifier = JwtVerifier.builder().publicKey(configured).build();
                assertTrue(verifier.verify(keys.token().keyId("k1").create()).isAccepted(), configured);
                assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(RsaKeyPair.generate().token().keyId("k1")
                        .create()).rejection());
                // public, so never an HMAC secret (algorithm confusion)
                assertThrows(IllegalArgumentException.class,
                        () -> JwtVerifier.builder().sharedSecret(configured).algorithm("HS256").build(), configured);
            }
        }
    }

    /**
     * PEM text is read in one pass: a fetched key document may be as large as a key set (256 KiB), and a text full of
     * BEGIN lines without their END is refused like any block without its END (the regular expression it replaced
     * took seconds on one). Also a broken first block is not skipped for a later one.
     */
    @Test
    void pemWithoutItsEndLineIsRefused() {
        for (String text : new String[] {"-----BEGIN A-----".repeat(15_000),
                "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END CERTIFICATE-----",
                "-----BEGIN public key-----\nMIIB\n-----END public key-----"}) {
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> JwtVerifier.builder().publicKey(text).build()).getMessage(), "-----END");
        }
    }

    private static void assertMentions(String message, String part) {
        assertTrue(message.contains(part), message);
    }

    @Test
    void jwkWithPrivateMembersUsesOnlyThePublicPart() {
        // A full key pair JWK pasted by mistake still verifies; nothing private is used or shown.
        java.security.KeyPair pair = TestTokens.rsa(2048);
        org.jose4j.jwk.RsaJsonWebKey full = new org.jose4j.jwk.RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
        full.setPrivateKey(pair.getPrivate());
        String json = full.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        assertTrue(json.contains("\"d\""));
        JwtVerifier verifier = JwtVerifier.builder().publicKey(json).build();
        assertTrue(verifier.verify(TestTokens.sign(TestTokens.header("RS256"), TestTokens.claims(), pair.getPrivate()))
                .isAccepted());
        assertTrue(!verifier.toString().contains(json.substring(json.indexOf("\"d\""), json.indexOf("\"d\"") + 20)));
    }

    @Test
    void keysThatNoVerifierShouldTrustAreRefused() {
        // Ed448: only Ed25519 is supported.
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder()
                .publicKey(TestTokens.pem(java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair()
                        .getPublic())).algorithm("EdDSA").build());
        // EC point not on the curve (y changed).
        java.security.KeyPair ec = TestTokens.ec("P-256");
        java.util.Map<String, Object> jwk = new java.util.LinkedHashMap<>(TestTokens.jwk(ec.getPublic(), null, null, null));
        String y = (String) jwk.get("y");
        jwk.put("y", (y.charAt(0) == 'A' ? "B" : "A") + y.substring(1));
        IllegalArgumentException offCurve = assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.builder().publicKey(JsonUtil.toJson(jwk)).algorithm("ES256").build());
        assertTrue(offCurve.getMessage().contains("not on P-256"), offCurve.getMessage());
        // RSA public exponent 1 (the JDK refuses it while decoding; the message stays generic).
        java.util.Map<String, Object> rsa = new java.util.LinkedHashMap<>(
                TestTokens.jwk(TestTokens.rsa(2048).getPublic(), null, null, null));
        rsa.put("e", "AQ");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder()
                .publicKey(JsonUtil.toJson(rsa)).build()).getMessage().contains("RSA key"));
        // A JWK meant for encryption.
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder()
                .publicKey(JsonUtil.toJson(TestTokens.jwk(TestTokens.rsa(2048).getPublic(), "e1", "enc", null)))
                .build()).getMessage().contains("\"use\""));
        // A JWK whose alg does not fit its key type.
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder()
                .publicKey(JsonUtil.toJson(TestTokens.jwk(ec.getPublic(), "k", "sig", "RS256"))).algorithm("ES256")
                .build()).getMessage().contains("does not fit"));
    }
}
