package dev.tokenguard.internal.config;

import static dev.tokenguard.config.ConfigKeys.*;
import static dev.tokenguard.internal.config.TokenGuardConfigTest.read;
import static dev.tokenguard.internal.config.TokenGuardConfigTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.introspection.IntrospectionVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import org.junit.jupiter.api.Test;

/** tokenguard.introspection.*: introspection alone, or beside a JWT key source. */
class IntrospectionConfigTest {

    private static final String ENDPOINT = "http://127.0.0.1:9/introspect"; // discard port: nothing answers
    private static final RsaKeyPair KEYS = RsaKeyPair.generate();

    @Test
    void anEndpointAloneIsAnIntrospectionVerifier() {
        TokenGuardSettings s = read(INTROSPECTION_ENDPOINT, ENDPOINT, INTROSPECTION_CLIENT_ID, "rs",
                INTROSPECTION_CLIENT_SECRET, "very-secret-value");
        assertInstanceOf(IntrospectionVerifier.class, s.verifier());
        assertTrue(s.description().contains("client_secret_basic"), s.description());
        assertFalse(s.description().contains("very-secret-value"), "never the secret");
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, s.verifier().verify("opaque").rejection());
    }

    @Test
    void theClientNeedsBothHalvesAndAKnownMethod() {
        assertEquals(INTROSPECTION_CLIENT_SECRET, refused(INTROSPECTION_ENDPOINT, ENDPOINT,
                INTROSPECTION_CLIENT_ID, "rs").property());
        assertEquals(INTROSPECTION_CLIENT_ID, refused(INTROSPECTION_ENDPOINT, ENDPOINT,
                INTROSPECTION_CLIENT_SECRET, "s").property());
        assertEquals(INTROSPECTION_AUTH_METHOD, refused(INTROSPECTION_ENDPOINT, ENDPOINT, INTROSPECTION_CLIENT_ID,
                "rs", INTROSPECTION_CLIENT_SECRET, "s", INTROSPECTION_AUTH_METHOD, "private_key_jwt").property());
        assertEquals(INTROSPECTION_ENDPOINT, refused(INTROSPECTION_ENDPOINT, "not a url").property());
        assertTrue(read(INTROSPECTION_ENDPOINT, ENDPOINT, INTROSPECTION_CLIENT_ID, "rs", INTROSPECTION_CLIENT_SECRET,
                "s", INTROSPECTION_AUTH_METHOD, "client_secret_post").description().contains("client_secret_post"));
    }

    @Test
    void besideAJwtKeyJwtsAreVerifiedLocallyAndOtherTokensIntrospected() {
        TokenGuardSettings s = read(PUBLIC_KEY, KEYS.publicKeyPem(), INTROSPECTION_ENDPOINT, ENDPOINT);
        assertInstanceOf(JwtOrIntrospection.class, s.verifier());
        assertTrue(s.verifier().verify(KEYS.token().scopes("read").create()).isAccepted(), "a JWT: no network");
        RsaKeyPair other = RsaKeyPair.generate();
        assertEquals(Rejection.BAD_SIGNATURE, s.verifier().verify(other.token().create()).rejection(),
                "a forged JWT is refused as a JWT, never introspected instead");
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, s.verifier().verify("opaque-token").rejection());
    }

    @Test
    void jwtsCanBeIntrospectedToo() {
        TokenGuardSettings s = read(PUBLIC_KEY, KEYS.publicKeyPem(), INTROSPECTION_ENDPOINT, ENDPOINT,
                INTROSPECTION_JWTS, "introspect");
        assertInstanceOf(IntrospectionVerifier.class, s.verifier());
        assertEquals(INTROSPECTION_JWTS, refused(PUBLIC_KEY, KEYS.publicKeyPem(), INTROSPECTION_ENDPOINT, ENDPOINT,
                INTROSPECTION_JWTS, "sometimes").property());
    }

    @Test
    void withOnlyAnIssuerTheEndpointComesFromItsMetadata() {
        TokenGuardSettings s = read(VERIFIER, "introspection", ISSUER, "https://idp.example.com/realms/demo",
                INTROSPECTION_CLIENT_ID, "rs", INTROSPECTION_CLIENT_SECRET, "s");
        assertInstanceOf(IntrospectionVerifier.class, s.verifier());
        assertTrue(s.description().contains("from the metadata of https://idp.example.com/realms/demo"),
                s.description());
        assertEquals(INTROSPECTION_ENDPOINT, refused(VERIFIER, "introspection").property(), "neither endpoint nor issuer");
    }

    @Test
    void whatLooksLikeAJwt() {
        assertTrue(JwtOrIntrospection.looksLikeJwt("a.b.c"));
        assertTrue(JwtOrIntrospection.looksLikeJwt("a.b."));
        assertTrue(JwtOrIntrospection.looksLikeJwt("a.b.c.d.e"));
        assertFalse(JwtOrIntrospection.looksLikeJwt("opaque"));
        assertFalse(JwtOrIntrospection.looksLikeJwt("a.b"));
        assertFalse(JwtOrIntrospection.looksLikeJwt("a.b.c.d"));
        assertFalse(JwtOrIntrospection.looksLikeJwt("a.b.c=")); // not base64url: an opaque token
        assertFalse(JwtOrIntrospection.looksLikeJwt(".b.c"));
        assertFalse(JwtOrIntrospection.looksLikeJwt(null));
    }
}
