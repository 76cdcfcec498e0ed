package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
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
}
