package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every supported algorithm verifies with its key; the allow-list and key families hold. */
class AlgorithmsTest {

    private static final KeyPair RSA = TestTokens.rsa(2048);
    private static final KeyPair P256 = TestTokens.ec("P-256");
    private static final KeyPair P384 = TestTokens.ec("P-384");
    private static final KeyPair P521 = TestTokens.ec("P-521");
    private static final KeyPair ED25519 = TestTokens.ed25519();
    private static final HmacKey SECRET = TestTokens.secret(64);

    static Stream<Arguments> algorithms() {
        return Stream.of(
                Arguments.of("RS256", RSA.getPrivate(), TestTokens.pem(RSA.getPublic())),
                Arguments.of("RS384", RSA.getPrivate(), TestTokens.pem(RSA.getPublic())),
                Arguments.of("RS512", RSA.getPrivate(), TestTokens.pem(RSA.getPublic())),
                Arguments.of("PS256", RSA.getPrivate(), TestTokens.pem(RSA.getPublic())),
                Arguments.of("PS384", RSA.getPrivate(), TestTokens.pem(RSA.getPublic())),
                Arguments.of("PS512", RSA.getPrivate(), TestTokens.pem(RSA.getPublic())),
                Arguments.of("ES256", P256.getPrivate(), TestTokens.pem(P256.getPublic())),
                Arguments.of("ES384", P384.getPrivate(), TestTokens.pem(P384.getPublic())),
                Arguments.of("ES512", P521.getPrivate(), TestTokens.pem(P521.getPublic())),
                Arguments.of("EdDSA", ED25519.getPrivate(), TestTokens.pem(ED25519.getPublic())),
                Arguments.of("HS256", SECRET, null),
                Arguments.of("HS384", SECRET, null),
                Arguments.of("HS512", SECRET, null));
    }

    private static JwtVerifier verifier(String alg, String publicKeyPem) {
        JwtVerifier.Builder b = JwtVerifier.builder().algorithm(alg);
        return (publicKeyPem == null ? b.sharedSecret(SECRET.getEncoded()) : b.publicKey(publicKeyPem)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void acceptsATokenSignedWithTheConfiguredKey(String alg, Key signingKey, String publicKeyPem) {
        String token = TestTokens.sign(TestTokens.header(alg), TestTokens.claims(), signingKey);
        Verification result = verifier(alg, publicKeyPem).verify(token);
        assertTrue(result.isAccepted(), () -> alg + ": " + result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void refusesATokenWhoseSignatureWasAltered(String alg, Key signingKey, String publicKeyPem) {
        String token = TestTokens.sign(TestTokens.header(alg), TestTokens.claims(), signingKey);
        String otherPayload = TestTokens.b64("{\"sub\":\"mallory\",\"exp\":" + (System.currentTimeMillis() / 1000 + 60)
                + "}");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        assertEquals(Rejection.BAD_SIGNATURE, verifier(alg, publicKeyPem).verify(tampered).rejection());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void refusesATokenSignedByAnotherKeyOfTheSameKind(String alg, Key signingKey, String publicKeyPem) {
        Key other = switch (alg.substring(0, 2)) {
            case "RS", "PS" -> TestTokens.rsa(2048).getPrivate();
            case "ES" -> TestTokens.ec(alg.equals("ES256") ? "P-256" : alg.equals("ES384") ? "P-384" : "P-521")
                    .getPrivate();
            case "Ed" -> TestTokens.ed25519().getPrivate();
            default -> TestTokens.secret(64);
        };
        String token = TestTokens.sign(TestTokens.header(alg), TestTokens.claims(), other);
        assertEquals(Rejection.BAD_SIGNATURE, verifier(alg, publicKeyPem).verify(token).rejection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokensAreRefusedInEverySpelling(String none) {
        JwtVerifier verifier = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic())).build();
        String header = TestTokens.b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}");
        String payload = TestTokens.b64(org.jose4j.json.JsonUtil.toJson(TestTokens.claims()));
        // With and without a (meaningless) signature part.
        assertEquals(Rejection.MALFORMED, verifier.verify(header + "." + payload + ".").rejection());
        assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, verifier.verify(header + "." + payload + ".c2ln").rejection());
    }

    @Test
    void algorithmOutsideTheAllowListIsRefusedEvenWithAValidSignature() {
        JwtVerifier rs256Only = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic())).build();
        String ps256 = TestTokens.sign(TestTokens.header("PS256"), TestTokens.claims(), RSA.getPrivate());
        assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, rs256Only.verify(ps256).rejection());
        JwtVerifier both = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic()))
                .algorithm("RS256", "PS256").build();
        assertTrue(both.verify(ps256).isAccepted());
    }

    @Test
    void algorithmNamesAreCaseSensitive() {
        JwtVerifier verifier = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic())).build();
        String token = TestTokens.sign("{\"alg\":\"rs256\"}", org.jose4j.json.JsonUtil.toJson(TestTokens.claims()),
                "RS256", RSA.getPrivate());
        assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, verifier.verify(token).rejection());
    }

    /** The classic confusion: the attacker HMACs with the server's public key bytes as the secret. */
    @Test
    void hmacSignedWithThePublicKeyIsRefusedByAnRsaVerifier() {
        String pem = TestTokens.pem(RSA.getPublic());
        JwtVerifier verifier = JwtVerifier.builder().publicKey(pem).algorithm("RS256", "PS256", "ES256").build();
        for (byte[] secret : new byte[][] {pem.getBytes(StandardCharsets.UTF_8), RSA.getPublic().getEncoded()}) {
            String forged = TestTokens.sign(TestTokens.header("HS256"), TestTokens.claims(), new HmacKey(secret));
            assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, verifier.verify(forged).rejection());
        }
    }

    @Test
    void hmacSignedWithTheKeySetIsRefusedByAKeySetVerifier() {
        String jwks = TestTokens.jwks(TestTokens.jwk(P256.getPublic(), "k1", "sig", "ES256"));
        JwtVerifier verifier = JwtVerifier.builder().publicKey(jwks).algorithm("ES256").build();
        String forged = TestTokens.sign(TestTokens.header("HS256", "k1"), TestTokens.claims(),
                new HmacKey(jwks.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, verifier.verify(forged).rejection());
    }

    /** An ES256 token must not verify with a P-384 key even if both are allowed. */
    @Test
    void curveMustMatchTheAlgorithm() {
        JwtVerifier verifier = JwtVerifier.builder().publicKey(TestTokens.pem(P384.getPublic()))
                .algorithm("ES256", "ES384").build();
        String es256 = TestTokens.sign(TestTokens.header("ES256"), TestTokens.claims(), P256.getPrivate());
        assertEquals(Rejection.UNKNOWN_KEY, verifier.verify(es256).rejection());
        String es384 = TestTokens.sign(TestTokens.header("ES384"), TestTokens.claims(), P384.getPrivate());
        assertTrue(verifier.verify(es384).isAccepted());
    }

    @Test
    void rsaKeyDoesNotServeEcTokens() {
        JwtVerifier verifier = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic()))
                .algorithm("RS256", "ES256").build();
        String es256 = TestTokens.sign(TestTokens.header("ES256"), TestTokens.claims(), P256.getPrivate());
        assertEquals(Rejection.UNKNOWN_KEY, verifier.verify(es256).rejection());
    }

    @Test
    void hmacKeyMustBeLongEnoughForTheTokenHash() {
        // A 32-byte oct JWK may verify HS256 but not HS512 tokens (RFC 7518 §3.2).
        HmacKey key32 = TestTokens.secret(32);
        String jwk = org.jose4j.json.JsonUtil.toJson(TestTokens.jwk(key32, null, null, null));
        JwtVerifier verifier = JwtVerifier.builder().publicKey(jwk).algorithm("HS256", "HS512").build();
        assertTrue(verifier.verify(TestTokens.sign(TestTokens.header("HS256"), TestTokens.claims(), key32))
                .isAccepted());
        Map<String, Object> h = TestTokens.header("HS512");
        assertEquals(Rejection.UNKNOWN_KEY, verifier.verify(TestTokens.sign(h, TestTokens.claims(), key32))
                .rejection());
    }
}
