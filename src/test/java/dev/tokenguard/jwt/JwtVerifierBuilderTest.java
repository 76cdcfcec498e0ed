package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.testing.LogCapture;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Construction fails fast, with a message that says what to change; sound configurations build. */
class JwtVerifierBuilderTest {

    private static final RsaKeyPair RSA = RsaKeyPair.generate();
    private static final String SECRET_32 = "0123456789abcdef0123456789abcdef";

    private static String error(JwtVerifier.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) {
            assertTrue(message.contains(w), () -> "message \"" + message + "\" should mention " + w);
        }
    }

    @Test
    void noKeyAtAll() {
        assertMentions(error(JwtVerifier.builder()), "publicKey", "sharedSecret", "jwksUri");
    }

    @Test
    void keyAndKeySetUriTogether() {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).jwksUri("https://idp.test/jwks")),
                "only one");
        assertMentions(error(JwtVerifier.builder().sharedSecret(SECRET_32).publicKey(RSA.publicKeyPem())
                .algorithm("HS256")), "only one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
    void noneIsNeverAllowedInAnyCase(String none) {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).algorithm(none)), "never");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS1", "rs256", "HS1", "ES256K", "A256GCM", ""})
    void unsupportedAlgorithmListsTheSupportedOnes(String alg) {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).algorithm(alg)),
                "unsupported algorithm", "RS256", "EdDSA");
    }

    @Test
    void noAlgorithmAtAll() {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).algorithm()), "no algorithm");
    }

    @Test
    void hmacWithKeySetUri() {
        assertMentions(error(JwtVerifier.builder().jwksUri("https://idp.test/jwks").algorithm("HS256")),
                "shared secret", "JWKS");
    }

    @Test
    void hmacWithPemPublicKeyIsAlgorithmConfusion() {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).algorithm("HS256")),
                "algorithm confusion");
    }

    /** Every form in which TokenGuard reads a public key is refused as an HS secret, whatever the builder call. */
    static java.util.stream.Stream<String> publicKeysInEveryForm() throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        byte[] spki = RSA.publicKey().getEncoded();
        byte[] weakSpki = TestTokens.rsa(1024).getPublic().getEncoded();
        byte[] ecSpki = TestTokens.ec("secp256r1").getPublic().getEncoded();
        String certPem;
        try (java.io.InputStream in = JwtVerifierBuilderTest.class.getResourceAsStream("/keys/test-cert.pem")) {
            certPem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        String certBase64 = certPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] certDer = java.util.Base64.getDecoder().decode(certBase64);
        String pkcs1;
        try (java.io.InputStream in = JwtVerifierBuilderTest.class.getResourceAsStream(
                "/keys/test-rsa-pkcs1-public.pem")) {
            pkcs1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        }
        return java.util.stream.Stream.of(
                RSA.publicKeyPem(), certPem, "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
                b64.encodeToString(spki), b64.encodeToString(weakSpki), b64.encodeToString(ecSpki),
                java.util.Base64.getMimeEncoder().encodeToString(spki),
                java.util.Base64.getMimeEncoder().encodeToString(spki).replace("\r\n", "\\n"),
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(spki),
                "  " + b64.encodeToString(spki) + "\n", b64.encodeToString(certDer),
                java.util.Base64.getMimeEncoder().encodeToString(certDer), pkcs1,
                TestTokens.jwks(TestTokens.jwk(RSA.publicKey(), "k1", "sig", null)),
                org.jose4j.json.JsonUtil.toJson(TestTokens.jwk(RSA.publicKey(), "k1", null, null)),
                TestTokens.jwks(TestTokens.jwk(TestTokens.ec("secp256r1").getPublic(), "e", null, null)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("publicKeysInEveryForm")
    void hmacWithAPublicKeyInAnyFormIsAlgorithmConfusion(String publicKey) {
        for (String alg : java.util.List.of("HS256", "HS384", "HS512")) {
            assertMentions(error(JwtVerifier.builder().publicKey(publicKey).algorithm(alg)), "algorithm confusion");
            assertMentions(error(JwtVerifier.builder().sharedSecret(publicKey).algorithm(alg)),
                    "algorithm confusion");
        }
    }

    @Test
    void hmacWithPublicKeyDerBytesIsAlgorithmConfusion() {
        assertMentions(error(JwtVerifier.builder().sharedSecret(RSA.publicKey().getEncoded()).algorithm("HS256")),
                "algorithm confusion");
    }

    @Test
    void hmacWithCertificateIsAlgorithmConfusion() {
        String cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        assertMentions(error(JwtVerifier.builder().publicKey(cert).algorithm("HS512")), "algorithm confusion");
    }

    @Test
    void mixingHmacWithPublicKeyAlgorithms() {
        assertMentions(error(JwtVerifier.builder().sharedSecret(SECRET_32).algorithm("HS256", "RS256")), "mix");
    }

    @Test
    void secretWithoutHmacAlgorithm() {
        assertMentions(error(JwtVerifier.builder().sharedSecret(SECRET_32)), "HS256");
    }

    @Test
    void secretShorterThanTheHash() {
        assertMentions(error(JwtVerifier.builder().sharedSecret("short-secret").algorithm("HS256")),
                "12 bytes", "HS256", "32");
        assertMentions(error(JwtVerifier.builder().sharedSecret(SECRET_32).algorithm("HS256", "HS512")),
                "HS512", "64");
        assertMentions(error(JwtVerifier.builder().publicKey("too-short").algorithm("HS384")), "HS384", "48");
    }

    @Test
    void secretsOfTheRightLengthBuild() {
        assertDoesNotThrow(() -> JwtVerifier.builder().sharedSecret(SECRET_32).algorithm("HS256").build());
        assertDoesNotThrow(() -> JwtVerifier.builder().sharedSecret(new byte[64]).algorithm("HS512").build());
        // FastMCP's convention: with an HS algorithm, publicKey is the shared secret.
        assertDoesNotThrow(() -> JwtVerifier.builder().publicKey(SECRET_32).algorithm("HS256").build());
    }

    @Test
    void rsaKeyUnder2048Bits() {
        KeyPair small = TestTokens.rsa(1024);
        assertMentions(error(JwtVerifier.builder().publicKey(TestTokens.pem(small.getPublic()))), "1024", "2048");
    }

    /** The explicit opt-in for issuers that still sign with 1024-bit keys (MP-JWT 2.1 allows them, deprecated). */
    @Test
    void minRsaKeyBitsLetsA1024BitKeyVerifyAndNothingSmaller() {
        KeyPair small = TestTokens.rsa(1024);
        String pem = TestTokens.pem(small.getPublic());
        JwtVerifier verifier = JwtVerifier.builder().publicKey(pem).minRsaKeyBits(1024).build();
        String token = TestTokens.sign(TestTokens.header("RS256"), TestTokens.claims(), small.getPrivate());
        assertTrue(verifier.verify(token).isAccepted(), () -> verifier.verify(token).toString());
        assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(TestTokens.sign(TestTokens.header("RS256"),
                TestTokens.claims(), TestTokens.rsa(1024).getPrivate())).rejection());
        assertMentions(error(JwtVerifier.builder().publicKey(TestTokens.pem(TestTokens.rsa(768).getPublic()))
                .minRsaKeyBits(1024)), "768", "1024");
        for (int bits : new int[] {512, 1023, 2049, 4096}) {
            assertMentions(error(JwtVerifier.builder().publicKey(pem).minRsaKeyBits(bits)), "minRsaKeyBits");
        }
    }

    @Test
    void keyThatFitsNoAllowedAlgorithmSaysWhichWould() {
        KeyPair ec = TestTokens.ec("P-256");
        assertMentions(error(JwtVerifier.builder().publicKey(TestTokens.pem(ec.getPublic()))), "ES256");
        assertDoesNotThrow(() -> JwtVerifier.builder().publicKey(TestTokens.pem(ec.getPublic()))
                .algorithm("ES256").build());
    }

    @Test
    void privateKeyGivenInsteadOfPublicKey() {
        String message = error(JwtVerifier.builder().publicKey(RSA.privateKeyPem()));
        assertMentions(message, "private key", "public key");
        assertFalse(message.contains(RSA.privateKeyPem().substring(30, 60)), "never echo key material");
    }

    @Test
    void textThatIsNoKey() {
        assertMentions(error(JwtVerifier.builder().publicKey("not a key")), "PEM", "JWK");
        assertMentions(error(JwtVerifier.builder().publicKey("{\"kty\": \"RSA\"}")), "malformed RSA key");
        assertMentions(error(JwtVerifier.builder().publicKey("{\"keys\": []}")), "no usable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a uri", "ftp://idp.test/jwks", "/relative/jwks", "file:///etc/passwd"})
    void keySetUriMustBeAbsoluteHttp(String uri) {
        assertMentions(error(JwtVerifier.builder().jwksUri(uri)), "jwksUri");
    }

    @Test
    void negativeDurationsAndSizes() {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).clockSkew(Duration.ofSeconds(-1))),
                "clockSkew");
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).maxTokenAge(Duration.ZERO)),
                "maxTokenAge");
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).maxTokenSize(0)), "maxTokenSize");
        assertMentions(error(JwtVerifier.builder().jwksUri("https://idp.test/jwks")
                .keySetReadTimeout(Duration.ZERO)), "keySetReadTimeout");
    }

    @Test
    void blankIssuerAudienceOrScope() {
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).issuer(" ")), "issuer");
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).audience("")), "audience");
        assertMentions(error(JwtVerifier.builder().publicKey(RSA.publicKeyPem()).requiredScopes("read write")),
                "scope");
    }

    @Test
    void descriptionNamesTheRulesButNoSecret() {
        String description = JwtVerifier.builder().sharedSecret(SECRET_32).algorithm("HS256")
                .issuer("https://issuer.test").build().toString();
        assertMentions(description, "HS256", "https://issuer.test", "32-byte secret");
        assertFalse(description.contains(SECRET_32));
        assertFalse(description.contains(Base64.getEncoder().encodeToString(SECRET_32.getBytes())));
    }

    // ------------------------------------------------------------------ what the operator must act on

    @Test
    void aKeySetOverPlainHttpFromAnotherHostIsAWarning() {
        List<String> remote = LogCapture.warnings(() -> JwtVerifier.builder().jwksUri("http://idp.example.com/jwks")
                .issuer("https://idp.example.com").build());
        assertTrue(remote.stream().anyMatch(w -> w.contains("plain http") && w.contains("idp.example.com")),
                remote::toString);
        for (String loopback : List.of("http://127.0.0.1:9980/jwks", "http://localhost/jwks", "http://[::1]:80/j",
                "https://idp.example.com/jwks")) {
            List<String> none = LogCapture.warnings(() -> JwtVerifier.builder().jwksUri(loopback)
                    .issuer("https://idp.example.com").build());
            assertTrue(none.isEmpty(), () -> loopback + ": " + none);
        }
        List<String> lookalike = LogCapture.warnings(() -> JwtVerifier.builder().jwksUri("http://127.0.0.1.evil.test/j")
                .issuer("https://idp.example.com").build());
        assertTrue(lookalike.stream().anyMatch(w -> w.contains("plain http")), lookalike::toString);
    }

    @Test
    void checkingNeitherIssuerNorAudienceIsAWarning() {
        List<String> neither = LogCapture.warnings(() -> JwtVerifier.builder().publicKey(RSA.publicKeyPem()).build());
        assertTrue(neither.stream().anyMatch(w -> w.contains("neither issuer nor audience")), neither::toString);
        assertTrue(LogCapture.warnings(() -> JwtVerifier.builder().publicKey(RSA.publicKeyPem())
                .issuer("https://idp.test").build()).isEmpty());
        assertTrue(LogCapture.warnings(() -> JwtVerifier.builder().publicKey(RSA.publicKeyPem())
                .audience("https://api.test").build()).isEmpty());
    }
}
