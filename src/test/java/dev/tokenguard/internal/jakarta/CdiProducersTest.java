package dev.tokenguard.internal.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.internal.config.TokenLocation;
import dev.tokenguard.jakarta.TokenPrincipal;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.weld.junit.MockBean;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The CDI side in a real CDI container (Weld): {@code @Inject JsonWebToken}, {@code @Inject AccessToken},
 * MicroProfile JWT {@code @Claim} injection in every supported type, and the identity store. "The current
 * request" is a complete servlet request object carrying what the mechanism would have put on it.
 */
@EnableWeld
class CdiProducersTest {

    private static final RsaKeyPair KEYS = RsaKeyPair.generate();
    private static final JwtVerifier VERIFIER = JwtVerifier.builder().publicKey(KEYS.publicKeyPem())
            .issuer("https://issuer.test").build();
    private static final TokenGuardSettings SETTINGS = new TokenGuardSettings(VERIFIER, TokenLocation.AUTHORIZATION,
            "tokenguard", null, List.of(), List.of(), null, "test");

    private final MockHttpServletRequest request = new MockHttpServletRequest();

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(CallerProducers.class, ClaimProducers.class, TokenIdentityStore.class,
                    RequestClaims.class, ApplicationClaims.class)
            .addBeans(MockBean.builder().types(HttpServletRequest.class).scope(RequestScoped.class)
                    .create(c -> request).build())
            .addBeans(MockBean.builder().types(TokenGuardSettings.class).create(c -> SETTINGS).build())
            .activate(RequestScoped.class)
            .build();

    @Inject
    Instance<JsonWebToken> jsonWebToken;
    @Inject
    Instance<AccessToken> accessToken;
    @Inject
    Instance<RequestClaims> requestClaims;
    @Inject
    ApplicationClaims applicationClaims;
    @Inject
    TokenIdentityStore identityStore;

    /** A request-scoped bean with every raw, Optional and JSON-P claim type the specification lists. */
    @RequestScoped
    static class RequestClaims {
        @Inject @Claim("sub") String subject;
        @Inject @Claim(standard = Claims.iss) String issuer;
        @Inject @Claim(standard = Claims.raw_token) String rawToken;
        @Inject @Claim(standard = Claims.iat) Long issuedAt;
        @Inject @Claim("exp") long expiry;
        @Inject @Claim("email_verified") Boolean emailVerified;
        @Inject @Claim("email_verified") boolean emailVerifiedPrimitive;
        @Inject @Claim("groups") Set<String> groups;
        @Inject @Claim(standard = Claims.aud) Set<String> audience;
        @Inject @Claim(standard = Claims.aud) JsonArray audienceJson;
        @Inject @Claim("tenant") JsonString tenantJson;
        @Inject @Claim("level") JsonNumber levelJson;
        @Inject @Claim("roles") JsonArray rolesJson;
        @Inject @Claim("address") JsonObject addressJson;
        @Inject @Claim("address") JsonValue addressValue;
        @Inject @Claim("tenant") Optional<String> tenant;
        @Inject @Claim("missing") Optional<String> missing;
        @Inject @Claim("missing") String missingString;
        @Inject @Claim("missing") long missingLong;
        @Inject @Claim("level") Optional<JsonNumber> optionalLevel;
        @Inject @Claim("tenant") Long tenantAsWrongType;

        public Map<String, Object> values() {
            return fieldsOf(this);
        }
    }

    /** ClaimValue and Instance may live in application-scoped beans: they read the current request each time. */
    @ApplicationScoped
    static class ApplicationClaims {
        @Inject @Claim("sub") ClaimValue<String> subject;
        @Inject @Claim("sub") ClaimValue<Optional<String>> optionalSubject;
        @Inject @Claim("groups") ClaimValue<Set<String>> groups;
        @Inject @Claim("sub") Instance<String> subjectInstance;

        @SuppressWarnings("unchecked")
        <T> ClaimValue<T> claimValue(String field) {
            return (ClaimValue<T>) fieldsOf(this).get(field);
        }

        String subjectFromInstance() {
            return subjectInstance.get();
        }
    }

    /**
     * The injected field values of a bean instance, by field name. Beans are reached through Weld's client
     * proxies, whose own fields are empty, and a method returning {@code this} returns the proxy again.
     */
    static Map<String, Object> fieldsOf(Object bean) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (java.lang.reflect.Field f : bean.getClass().getDeclaredFields()) {
            if (f.isAnnotationPresent(Inject.class)) {
                try {
                    values.put(f.getName(), f.get(bean));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    private String token(String subject, Map<String, Object> extra) {
        RsaKeyPair.TokenBuilder b = KEYS.token().subject(subject).issuer("https://issuer.test")
                .audience("https://api.test", "https://other.test").scopes("read", "write");
        extra.forEach(b::claim);
        return b.create();
    }

    private TokenPrincipal signIn(String token) {
        AccessToken verified = VERIFIER.verifyToken(token).orElseThrow();
        TokenPrincipal principal = new TokenPrincipal(verified);
        request.setAttribute(BearerTokenMechanism.PRINCIPAL_ATTRIBUTE, principal);
        return principal;
    }

    private static Map<String, Object> richClaims() {
        return Map.of("email_verified", true, "groups", List.of("staff", "read"), "tenant", "acme",
                "level", 3, "roles", List.of("a", "b"), "address", Map.of("city", "Oslo"),
                "preferred_username", "alice@acme");
    }

    @Test
    void anonymousRequestsGetAnEmptyTokenAndNoAccessToken() {
        JsonWebToken jwt = jsonWebToken.get();
        assertNull(jwt.getName());
        assertNull(jwt.getRawToken());
        assertNull(jwt.getClaimNames()); // as MP-JWT implementations and the TCK's EmptyTokenTest
        assertFalse(jwt.containsClaim("sub"));
        assertEquals(0, jwt.getExpirationTime());
        assertTrue(jwt.getGroups().isEmpty());
        assertNull(accessToken.get());

        Map<String, Object> claims = requestClaims.get().values();
        assertNull(claims.get("subject"));
        assertNull(claims.get("issuedAt"));
        assertEquals(0L, claims.get("expiry"));
        assertEquals(false, claims.get("emailVerifiedPrimitive"));
        assertEquals(Optional.empty(), claims.get("tenant"));
        assertNull(applicationClaims.claimValue("subject").getValue());
        assertEquals(Optional.empty(), applicationClaims.claimValue("optionalSubject").getValue());
    }

    @Test
    void authenticatedRequestsSeeTheirTokenThroughJsonWebToken() {
        String token = token("alice", richClaims());
        TokenPrincipal principal = signIn(token);
        JsonWebToken jwt = jsonWebToken.get();

        assertEquals("alice@acme", jwt.getName(), "preferred_username before sub");
        assertEquals(token, jwt.getRawToken());
        assertEquals("https://issuer.test", jwt.getIssuer());
        assertEquals("alice", jwt.getSubject());
        assertEquals(Set.of("https://api.test", "https://other.test"), jwt.getAudience());
        assertEquals(Set.of("staff", "read"), jwt.getGroups());
        assertTrue(jwt.getExpirationTime() > jwt.getIssuedAtTime());
        assertInstanceOf(Long.class, jwt.getClaim("exp"));
        assertInstanceOf(JsonObject.class, jwt.getClaim("address"));
        assertEquals("acme", jwt.getClaim("tenant"));
        assertTrue(jwt.getClaimNames().containsAll(Set.of("sub", "iss", "exp", "raw_token", "tenant")));
        assertSame(principal.accessToken(), accessToken.get());
    }

    @Test
    void everyClaimTypeIsInjected() {
        String token = token("alice", richClaims());
        TokenPrincipal principal = signIn(token);
        Map<String, Object> c = requestClaims.get().values();

        assertEquals("alice", c.get("subject"));
        assertEquals("https://issuer.test", c.get("issuer"));
        assertEquals(token, c.get("rawToken"));
        assertEquals(principal.getIssuedAtTime(), c.get("issuedAt"));
        assertEquals(principal.getExpirationTime(), c.get("expiry"));
        assertEquals(Boolean.TRUE, c.get("emailVerified"));
        assertEquals(true, c.get("emailVerifiedPrimitive"));
        assertEquals(Set.of("staff", "read"), c.get("groups"));
        assertEquals(Set.of("https://api.test", "https://other.test"), c.get("audience"));
        assertEquals(Set.of("https://api.test", "https://other.test"),
                Set.copyOf(((JsonArray) c.get("audienceJson")).getValuesAs(JsonString::getString)));
        assertEquals(Json.createValue("acme"), c.get("tenantJson"));
        assertEquals(3, ((JsonNumber) c.get("levelJson")).intValue());
        assertEquals(Json.createArrayBuilder().add("a").add("b").build(), c.get("rolesJson"));
        assertEquals("Oslo", ((JsonObject) c.get("addressJson")).getString("city"));
        assertEquals(c.get("addressJson"), c.get("addressValue"));
        assertEquals(Optional.of("acme"), c.get("tenant"));
        assertEquals(Optional.empty(), c.get("missing"));
        assertNull(c.get("missingString"));
        assertEquals(0L, c.get("missingLong"));
        assertEquals(3, ((Optional<?>) c.get("optionalLevel")).map(n -> ((JsonNumber) n).intValue()).orElseThrow());
        assertNull(c.get("tenantAsWrongType"), "a string claim asked for as Long is absent, not an exception");
    }

    @Test
    void claimValueReadsTheCurrentRequestEachTime() {
        signIn(token("alice", Map.of("groups", List.of("g1"))));
        assertEquals("alice", applicationClaims.claimValue("subject").getValue());
        assertEquals("sub", applicationClaims.claimValue("subject").getName());
        assertEquals(Optional.of("alice"), applicationClaims.claimValue("optionalSubject").getValue());
        assertEquals(Set.of("g1"), applicationClaims.claimValue("groups").getValue());
        assertEquals("alice", applicationClaims.subjectFromInstance());

        signIn(token("bob", Map.of()));
        assertEquals("bob", applicationClaims.claimValue("subject").getValue(), "same bean, next caller");
        assertEquals("bob", applicationClaims.subjectFromInstance());
    }

    @Test
    void identityStoreValidatesBearerTokensAndGivesTheirScopesAsRoles() {
        BearerTokenCredential good = new BearerTokenCredential(token("alice", Map.of("groups", List.of("staff"))));
        CredentialValidationResult valid = identityStore.validate(good);
        assertEquals(CredentialValidationResult.Status.VALID, valid.getStatus());
        assertInstanceOf(TokenPrincipal.class, valid.getCallerPrincipal());
        assertEquals(Set.of("read", "write"), valid.getCallerGroups(), "groups are no roles unless configured");
        assertTrue(good.isValid());

        BearerTokenCredential expired = new BearerTokenCredential(KEYS.token().issuer("https://issuer.test")
                .expiresInSeconds(-600).create());
        assertEquals(CredentialValidationResult.Status.INVALID, identityStore.validate(expired).getStatus());
        assertEquals(Rejection.EXPIRED, expired.verification().rejection());
        assertFalse(expired.toString().contains(expired.token()), "credential never prints its token");

        assertEquals(CredentialValidationResult.Status.NOT_VALIDATED,
                identityStore.validate(new UsernamePasswordCredential("u", "p")).getStatus());
    }

    /** MP-JWT types aud (and groups) as a set: one string is a one-element JsonArray (TCK verifyInjectedAudience). */
    @Test
    void aSingleStringAudienceIsAOneElementJsonArray() {
        signIn(KEYS.token().subject("alice").issuer("https://issuer.test").claim("aud", "https://api.test")
                .scopes("read").create());
        Map<String, Object> c = requestClaims.get().values();
        assertEquals(Json.createArrayBuilder().add("https://api.test").build(), c.get("audienceJson"));
        assertEquals(Set.of("https://api.test"), c.get("audience"));
    }

    /** The container needs a caller name: a token with none of upn, preferred_username, sub is refused (MP-JWT). */
    @Test
    void theIdentityStoreRefusesATokenThatNamesNoCaller() {
        BearerTokenCredential nameless = new BearerTokenCredential(KEYS.token().issuer("https://issuer.test")
                .claim("sub", null).claim("client_id", "client-7").scopes("read").create());
        assertEquals(CredentialValidationResult.Status.INVALID, identityStore.validate(nameless).getStatus());
        assertEquals(Rejection.MISSING_CLAIM, nameless.verification().rejection());
        BearerTokenCredential named = new BearerTokenCredential(KEYS.token().issuer("https://issuer.test")
                .claim("sub", null).claim("preferred_username", "p").scopes("read").create());
        assertEquals(CredentialValidationResult.Status.VALID, identityStore.validate(named).getStatus());
    }

    @Test
    void principalNameFallsBackFromUpnToPreferredUsernameToSubToClientId() {
        assertEquals("upn@x", signIn(token("s", Map.of("upn", "upn@x", "preferred_username", "p"))).getName());
        assertEquals("p", signIn(token("s", Map.of("preferred_username", "p"))).getName());
        assertEquals("s", signIn(token("s", Map.of())).getName());
        assertEquals("client-7", signIn(KEYS.token().issuer("https://issuer.test").claim("sub", null)
                .claim("client_id", "client-7").create()).getName());
    }
}
