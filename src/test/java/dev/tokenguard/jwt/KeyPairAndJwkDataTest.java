package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** RsaKeyPair's keys, PEMs, JWK and test tokens; JwkData/JwksData JSON round trips. */
class KeyPairAndJwkDataTest {

    private static final RsaKeyPair KEYS = RsaKeyPair.generate();

    private static Map<String, Object> part(String token, int index) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index])));
    }

    @Test
    void generatesRsa2048WithF4() {
        assertEquals(2048, KEYS.publicKey().getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), KEYS.publicKey().getPublicExponent());
        assertTrue(KEYS.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(KEYS.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertFalse(KEYS.toString().contains(KEYS.publicKeyPem().substring(30, 50)));
    }

    @Test
    void tokenHasExactlyTheDocumentedClaims() throws Exception {
        String plain = KEYS.token().subject("alice").issuer("https://iss").create();
        Map<String, Object> claims = part(plain, 1);
        assertEquals(List.of("sub", "iss", "iat", "exp"), List.copyOf(claims.keySet()));
        assertEquals(3600L, (Long) claims.get("exp") - (Long) claims.get("iat"));
        assertEquals("RS256", part(plain, 0).get("alg"));
        assertNull(part(plain, 0).get("kid"));

        String full = KEYS.token().audience("a", "b").scopes("read", "write").keyId("k1").create();
        assertEquals(List.of("a", "b"), part(full, 1).get("aud"));
        assertEquals("read write", part(full, 1).get("scope"));
        assertEquals("k1", part(full, 0).get("kid"));
        assertEquals("a", part(KEYS.token().audience("a").create(), 1).get("aud"), "one audience is a string");
        assertEquals("tokenguard-user", part(full, 1).get("sub"));
    }

    @Test
    void claimIsAppliedLastAndOverridesAnything() throws Exception {
        String t = KEYS.token().subject("alice").scopes("read").claim("sub", "bob").claim("scope", List.of("x"))
                .claim("exp", 5).claim("roles", new String[] {"a", "b"}).create();
        Map<String, Object> claims = part(t, 1);
        assertEquals("bob", claims.get("sub"));
        assertEquals(List.of("x"), claims.get("scope"));
        assertEquals(5L, claims.get("exp"));
        assertEquals(List.of("a", "b"), claims.get("roles"));
    }

    @Test
    void negativeLifetimeMakesAnExpiredToken() {
        JwtVerifier v = JwtVerifier.builder().publicKey(KEYS.publicKeyPem()).build();
        assertEquals(Rejection.EXPIRED, v.verify(KEYS.token().expiresInSeconds(-120).create()).rejection());
        AccessToken ok = v.verifyToken(KEYS.token().expiresInSeconds(60).create()).orElseThrow();
        assertTrue(ok.expiresAt().isAfter(java.time.Instant.now()));
    }

    @Test
    void privateKeyPemIsNotAcceptedAsAVerificationKeyButPublicPemAndJwkAre() {
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder().publicKey(KEYS.privateKeyPem())
                .build());
        String token = KEYS.token().keyId("k1").create();
        assertTrue(JwtVerifier.builder().publicKey(KEYS.publicKeyPem()).build().verify(token).isAccepted());
        assertTrue(JwtVerifier.builder().publicKey(KEYS.toJwk("k1").toJson()).build().verify(token).isAccepted());
    }

    @Test
    void jwkDataRoundTripsAndLeavesOutNulls() {
        JwkData jwk = KEYS.toJwk("k1");
        assertEquals("RSA", jwk.kty());
        assertEquals("sig", jwk.use());
        assertEquals("RS256", jwk.alg());
        assertEquals("AQAB", jwk.e());
        assertFalse(jwk.n().startsWith("AA"), "no sign byte in n");
        assertEquals(jwk, JwkData.fromJson(jwk.toJson()));
        assertFalse(jwk.toJson().contains("null"));
        assertFalse(jwk.toJson().contains("\"crv\""));
        JwkData ec = new JwkData("EC", "e1", "sig", "ES256", null, null, "P-256", "xx", "yy", List.of("MIIB"), "t");
        assertEquals(ec, JwkData.fromJson(ec.toJson()));
    }

    @Test
    void jwksDataRoundTrips() {
        JwksData set = JwksData.of(KEYS.toJwk("a"), RsaKeyPair.generate().toJwk("b"));
        JwksData back = JwksData.fromJson(set.toJson());
        assertEquals(set, back);
        assertEquals(List.of("a", "b"), back.keys().stream().map(JwkData::kid).toList());
        assertTrue(set.toJson().startsWith("{\"keys\":["));
    }

    @Test
    void malformedJwkJsonIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> JwkData.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> JwkData.fromJson("{\"kid\":\"no kty\"}"));
        assertThrows(IllegalArgumentException.class, () -> JwkData.fromJson("{\"kty\":\"RSA\",\"n\":5}"));
        assertThrows(IllegalArgumentException.class, () -> JwksData.fromJson("{\"keys\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> JwksData.fromJson("{\"keys\":[1]}"));
        assertThrows(IllegalArgumentException.class, () -> JwksData.fromJson("{\"keys\":[],\"keys\":[]}"));
    }
}
