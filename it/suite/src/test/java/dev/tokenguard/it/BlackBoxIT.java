package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.it.Http.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same requests against the sample application on every server; every case must give the same status,
 * the same {@code WWW-Authenticate} challenge and the same body everywhere. The expected answers are written
 * out here, as a client sees them, not computed by TokenGuard's own code.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.tokenguard.it.Servers#selected")
class BlackBoxIT extends OnEachServer {

    private String metadataUrl() {
        return server.baseUri() + "/.well-known/oauth-protected-resource";
    }

    private String read() {
        return issuer.token(audience).scopes("read").create();
    }

    private void assertRefused(Answer a, int status, String challenge, String body) {
        assertEquals(status, a.status(), () -> "status; body " + a.body());
        assertEquals(List.of(challenge), a.challenges(), "WWW-Authenticate");
        assertTrue(a.contentType().startsWith("application/json"), a.contentType());
        assertEquals(body, a.body());
    }

    private void assertInvalidToken(Answer a, String description) {
        assertRefused(a, 401, "Bearer realm=\"tokenguard\", error=\"invalid_token\", error_description=\""
                + description + "\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"" + description + "\"}");
    }

    private Answer notes(String token) {
        return Http.get(uri("/api/notes"), "Authorization", Http.bearer(token));
    }

    @Test
    void noTokenIsChallengedWithTheRealmTheScopeAndTheMetadata() {
        assertRefused(Http.get(uri("/api/notes")), 401,
                "Bearer realm=\"tokenguard\", scope=\"read\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error_description\":\"a bearer token is required\"}");
    }

    @Test
    void aReadTokenReadsNotes() {
        Answer a = notes(read());
        assertEquals(200, a.status(), a.body());
        assertEquals("[\"first note\",\"second note\"]", a.body());
        assertTrue(a.challenges().isEmpty());
    }

    @Test
    void anAdminTokenDeletesAndAReadTokenMayNot() {
        String admin = issuer.token(audience).scopes("read", "admin").create();
        Answer deleted = Http.delete(uri("/api/notes/7"), "Authorization", Http.bearer(admin));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("{\"deleted\":\"7\"}", deleted.body());

        assertRefused(Http.delete(uri("/api/notes/7"), "Authorization", Http.bearer(read())), 403,
                "Bearer realm=\"tokenguard\", error=\"insufficient_scope\", error_description=\"token lacks a required"
                        + " scope\", scope=\"admin\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"token lacks a required scope\"}");
    }

    @Test
    void anAdminOnlyTokenLacksTheReadScope() {
        String adminOnly = issuer.token(audience).scopes("admin").create();
        assertRefused(notes(adminOnly), 403,
                "Bearer realm=\"tokenguard\", error=\"insufficient_scope\", error_description=\"token lacks a required"
                        + " scope\", scope=\"read\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"token lacks a required scope\"}");
    }

    @Test
    void expired() {
        assertInvalidToken(notes(issuer.token(audience).scopes("read").expiresInSeconds(-600).create()),
                "token has expired");
    }

    @Test
    void notYetValid() {
        long now = System.currentTimeMillis() / 1000;
        assertInvalidToken(notes(issuer.token(audience).scopes("read").claim("nbf", now + 600).create()),
                "token is not yet valid");
    }

    @Test
    void wrongIssuer() {
        assertInvalidToken(notes(issuer.token(audience).scopes("read").issuer("https://evil.example").create()),
                "token issuer is not accepted");
    }

    @Test
    void wrongAudience() {
        assertInvalidToken(notes(issuer.token("https://another-service.example").scopes("read").create()),
                "token audience is not accepted");
    }

    @Test
    void badSignature() {
        // Signed by a key the issuer never published, under the published kid.
        String forged = dev.tokenguard.jwt.RsaKeyPair.generate().token().keyId(TestIssuer.MAIN_KID)
                .issuer(issuer.issuer()).audience(audience).scopes("read").create();
        assertInvalidToken(notes(forged), "token signature is invalid");
    }

    @Test
    void unsignedTokensAreRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64(JsonUtil.toJson(Map.of("iss", issuer.issuer(), "aud", audience, "sub", "mallory",
                "scope", "read admin", "exp", System.currentTimeMillis() / 1000 + 600)));
        assertInvalidToken(notes(header + "." + payload + "."), "token is malformed");
        assertInvalidToken(notes(header + "." + payload + ".c2lnbmF0dXJl"), "token algorithm is not allowed");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue("HS256");
        jws.setKeyIdHeaderValue(TestIssuer.MAIN_KID);
        jws.setPayload(JsonUtil.toJson(Map.of("iss", issuer.issuer(), "aud", audience, "sub", "mallory",
                "scope", "read", "exp", System.currentTimeMillis() / 1000 + 600)));
        jws.setKey(new HmacKey(issuer.key(TestIssuer.MAIN_KID).publicKeyPem().getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        assertInvalidToken(notes(jws.getCompactSerialization()), "token algorithm is not allowed");
    }

    @Test
    void unknownKeyId() {
        String token = dev.tokenguard.jwt.RsaKeyPair.generate().token().keyId("never-published")
                .issuer(issuer.issuer()).audience(audience).scopes("read").create();
        assertInvalidToken(notes(token), "token signing key is unknown");
    }

    @Test
    void malformed() {
        assertInvalidToken(notes("not-a-jwt"), "token is malformed");
        assertInvalidToken(notes("a.b.c.d.e"), "token is malformed");
    }

    @Test
    void oversizedToken() throws Exception {
        // Over TokenGuard's cap (4096 in these tests) yet under every server's own header limit.
        String big = issuer.token(audience).scopes("read").claim("padding", "x".repeat(5000)).create();
        assertTrue(big.length() > 4096 && big.length() < 8000, String.valueOf(big.length()));
        assertInvalidToken(notes(big), "token is too large");
    }

    @Test
    void aTokenInTheQueryStringIsIgnored() {
        Answer notes = Http.get(uri("/api/notes?access_token=" + read()));
        assertRefused(notes, 401,
                "Bearer realm=\"tokenguard\", scope=\"read\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error_description\":\"a bearer token is required\"}");
        Answer open = Http.get(uri("/api/public?access_token=" + read()));
        assertEquals(200, open.status());
        assertEquals("{\"hello\":\"anonymous\"}", open.body());
    }

    @Test
    void twoTokensAreABadRequest() {
        Answer a = Http.get(uri("/api/notes"), "Authorization", Http.bearer(read()), "Authorization",
                Http.bearer(read()));
        assertRefused(a, 400, "Bearer realm=\"tokenguard\", error=\"invalid_request\", error_description=\"the request"
                        + " carries more than one Authorization header\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error\":\"invalid_request\",\"error_description\":\"the request carries more than one"
                        + " Authorization header\"}");
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertEquals(200, Http.get(uri("/api/notes"), "Authorization", "bearer " + read()).status());
        assertEquals(200, Http.get(uri("/api/notes"), "Authorization", "BEARER " + read()).status());
    }

    @Test
    void publicResourcesAreOpenButABadTokenIsStillRefused() {
        Answer anonymous = Http.get(uri("/api/public"));
        assertEquals(200, anonymous.status(), anonymous.body());
        assertEquals("{\"hello\":\"anonymous\"}", anonymous.body());
        Answer alice = Http.get(uri("/api/public"), "Authorization", Http.bearer(read()));
        assertEquals("{\"hello\":\"alice\"}", alice.body());
        assertInvalidToken(Http.get(uri("/api/public"), "Authorization",
                Http.bearer(issuer.token(audience).expiresInSeconds(-600).create())), "token has expired");
    }

    @Test
    void theInjectionEcho() throws Exception {
        String token = issuer.token(audience).subject("alice").scopes("read", "write")
                .claim("groups", List.of("staff")).claim("tenant", "acme").claim("client_id", "cli-1")
                .claim("preferred_username", "alice@acme").claim("profile", Map.of("team", "blue")).create();
        Answer a = Http.get(uri("/api/whoami"), "Authorization", Http.bearer(token));
        assertEquals(200, a.status(), a.body());
        Map<String, Object> echo = JsonUtil.parseJson(a.body());
        assertEquals("alice@acme", echo.get("principal"));
        assertEquals(true, echo.get("isUserInRoleRead"));
        assertEquals(false, echo.get("isUserInRoleAdmin"));
        assertEquals(Map.of("name", "alice@acme", "subject", "alice", "issuer", issuer.issuer(),
                "groups", List.of("staff"), "audience", List.of(audience)), echo.get("jsonWebToken"));
        assertEquals(Map.of("clientId", "cli-1", "scopes", List.of("read", "write"), "resource", audience),
                echo.get("accessToken"));
        assertEquals(Map.of("sub", "alice", "iss", issuer.issuer(), "expMatchesToken", true,
                "groups", List.of("staff"), "tenant", "acme", "profile", Map.of("team", "blue")), echo.get("claims"));
    }

    @Test
    void theServletBehindASecurityConstraint() {
        assertRefused(Http.get(uri("/secure/servlet")), 401,
                "Bearer realm=\"tokenguard\", resource_metadata=\"" + metadataUrl() + "\"",
                "{\"error_description\":\"a bearer token is required\"}");
        Answer alice = Http.get(uri("/secure/servlet"), "Authorization", Http.bearer(read()));
        assertEquals(200, alice.status(), alice.body());
        // the caller as MP-JWT defines it: the servlet's principal is the token (a JsonWebToken) on every server
        assertEquals("{\"servlet\":\"alice\",\"principalIsJsonWebToken\":true,\"isUserInRoleRead\":true}",
                alice.body());
        assertInvalidToken(Http.get(uri("/secure/servlet"), "Authorization",
                Http.bearer(issuer.token(audience).scopes("read").expiresInSeconds(-600).create())), "token has expired");
        // A valid token without the role: the container's own 403 (its body is the server's error page).
        assertEquals(403, Http.get(uri("/secure/servlet"), "Authorization",
                Http.bearer(issuer.token(audience).scopes("admin").create())).status());
    }

    @Test
    void theMetadataDocument() throws Exception {
        Answer a = Http.get(uri("/.well-known/oauth-protected-resource"));
        assertEquals(200, a.status());
        assertTrue(a.contentType().startsWith("application/json"), a.contentType());
        // scopes_supported: the sample configures none; these are its MCP tools' (tokenguard.mcp.tools.*, read in the
        // order of the property names).
        assertEquals(Map.of("resource", audience, "authorization_servers", List.of(issuer.issuer()),
                "scopes_supported", List.of("admin", "read"), "bearer_methods_supported", List.of("header")),
                JsonUtil.parseJson(a.body()));
    }

    @Test
    void refusalsNeverEchoTheToken() {
        String expired = issuer.token(audience).scopes("read").expiresInSeconds(-600).create();
        Answer a = notes(expired);
        for (String part : expired.split("\\.")) {
            assertFalse(a.body().contains(part) || a.challenge().contains(part));
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

}
