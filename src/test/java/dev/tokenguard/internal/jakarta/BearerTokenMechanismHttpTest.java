package dev.tokenguard.internal.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.internal.config.RoleMapping;
import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.internal.config.TokenLocation;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import dev.tokenguard.jwt.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BearerTokenMechanism}, {@link ChallengeFilter}, {@link ProtectedResourceMetadataServlet} and
 * {@link RolesAllowedFeature} on a real servlet container (embedded Tomcat 10.1), spoken to over real HTTP.
 * Only the container's Jakarta Security glue is simulated (see {@link EmbeddedTomcat}); everything of
 * TokenGuard's is the production code, with real keys and real tokens.
 */
class BearerTokenMechanismHttpTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "https://api.test";
    private static final RsaKeyPair KEYS = RsaKeyPair.generate();
    private static final RsaKeyPair OTHER_KEYS = RsaKeyPair.generate();

    /** Issuer, audience, RS256; no required scopes. */
    private static final JwtVerifier PLAIN = JwtVerifier.builder().publicKey(KEYS.publicKeyPem())
            .issuer(ISSUER).audience(AUDIENCE).build();
    /** The same, and every token needs the {@code read} scope. */
    private static final JwtVerifier NEEDS_READ = JwtVerifier.builder().publicKey(KEYS.publicKeyPem())
            .issuer(ISSUER).audience(AUDIENCE).requiredScopes("read").build();

    private static final String TOKEN_REQUIRED_BODY = "{\"error_description\":\"a bearer token is required\"}";
    private static final String INSUFFICIENT_SCOPE_BODY =
            "{\"error\":\"insufficient_scope\",\"error_description\":\"token lacks a required scope\"}";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private static WeldContainer weld;
    private static EmbeddedTomcat server;
    /** The same application deployed at {@code /app}. */
    private static EmbeddedTomcat app;

    @BeforeAll
    static void start() {
        // RolesAllowedFilter finds the settings through CDI.current(): a real CDI container, one bean.
        weld = new Weld().disableDiscovery().addBeanClass(EmbeddedTomcat.CdiSettings.class).initialize();
        server = EmbeddedTomcat.start("", EmbeddedTomcat.Mode.STANDARD);
        app = EmbeddedTomcat.start("/app", EmbeddedTomcat.Mode.STANDARD);
    }

    @AfterAll
    static void stop() {
        try {
            for (EmbeddedTomcat t : new EmbeddedTomcat[] {app, server}) {
                if (t != null) {
                    t.close();
                }
            }
        } finally {
            if (weld != null) {
                weld.shutdown();
            }
        }
    }

    @BeforeEach
    void defaults() {
        server.use(settings(PLAIN, TokenLocation.AUTHORIZATION, null));
        server.resetCounters();
    }

    // ------------------------------------------------------------------------------------------------------
    // No token

    @Test
    void noTokenOnPublicPathIsAnonymous() throws Exception {
        HttpResponse<String> r = get(server, "/api/hello");

        assertAnonymousEcho(r);
        assertEquals(List.of(AuthenticationStatus.NOT_DONE), server.statuses());
    }

    @Test
    void noTokenOnProtectedPathIsChallengedWithRealmOnly() throws Exception {
        HttpResponse<String> r = get(server, "/protected/hello");

        assertRefusal(r, 401, "Bearer realm=\"tokenguard\"", TOKEN_REQUIRED_BODY);
        assertEquals(0, server.echoCalls());
        assertEquals(List.of(AuthenticationStatus.SEND_FAILURE), server.statuses());
    }

    @Test
    void noTokenChallengeNamesTheRequiredScopes() throws Exception {
        server.use(settings(NEEDS_READ, TokenLocation.AUTHORIZATION, null));

        assertRefusal(get(server, "/protected/hello"), 401, "Bearer realm=\"tokenguard\", scope=\"read\"",
                TOKEN_REQUIRED_BODY);
    }

    @Test
    void noTokenChallengePointsAtTheMetadataOfAResourceAtTheOrigin() throws Exception {
        String resource = server.origin();
        server.use(settings(NEEDS_READ, TokenLocation.AUTHORIZATION, resource));
        String metadata = server.origin() + "/.well-known/oauth-protected-resource";

        assertRefusal(get(server, "/protected/hello"), 401,
                "Bearer realm=\"tokenguard\", scope=\"read\", resource_metadata=\"" + metadata + "\"",
                TOKEN_REQUIRED_BODY);
        assertMetadataAt(metadata, resource);
    }

    @Test
    void noTokenChallengePointsAtTheMetadataOfAResourceWithAPath() throws Exception {
        String resource = server.origin() + "/mcp";
        server.use(settings(PLAIN, TokenLocation.AUTHORIZATION, resource));
        // RFC 9728 §3.1: the well-known segment goes between the host and the resource's path.
        String metadata = server.origin() + "/.well-known/oauth-protected-resource/mcp";

        assertRefusal(get(server, "/protected/hello"), 401,
                "Bearer realm=\"tokenguard\", resource_metadata=\"" + metadata + "\"", TOKEN_REQUIRED_BODY);
        assertMetadataAt(metadata, resource);
    }

    @Test
    void underANonRootContextPathTheChallengePointsAtTheApplicationsOwnMetadata() throws Exception {
        String resource = app.origin() + "/app/mcp";
        app.use(settings(NEEDS_READ, TokenLocation.AUTHORIZATION, resource));
        // Documented in Challenges.metadataUrl: the application's own copy under its context path, because
        // the host's root does not belong to this application.
        String metadata = app.origin() + "/app/.well-known/oauth-protected-resource/mcp";

        assertRefusal(get(app, "/protected/hello"), 401,
                "Bearer realm=\"tokenguard\", scope=\"read\", resource_metadata=\"" + metadata + "\"",
                TOKEN_REQUIRED_BODY);
        assertMetadataAt(metadata, resource);

        String expired = token().expiresInSeconds(-3600).create();
        assertRefusal(get(app, "/api/hello", "Authorization", "Bearer " + expired), 401,
                "Bearer realm=\"tokenguard\", error=\"invalid_token\", error_description=\"token has expired\","
                        + " resource_metadata=\"" + metadata + "\"",
                invalidTokenBody(Rejection.EXPIRED), expired);
    }

    @Test
    void jaxrsChallengeUnderANonRootContextPathPointsAtTheSameMetadata() throws Exception {
        String resource = app.origin() + "/app/mcp";
        app.use(settings(PLAIN, TokenLocation.AUTHORIZATION, resource));
        String metadata = app.origin() + "/app/.well-known/oauth-protected-resource/mcp";

        // The JAX-RS layer must announce the same URL as the mechanism: the one this application serves.
        assertRefusal(get(app, "/rest/roles/admin"), 401,
                "Bearer realm=\"tokenguard\", scope=\"admin\", resource_metadata=\"" + metadata + "\"",
                TOKEN_REQUIRED_BODY);
        String token = token().scopes("read").create();
        assertRefusal(get(app, "/rest/roles/admin", "Authorization", "Bearer " + token), 403,
                "Bearer realm=\"tokenguard\", error=\"insufficient_scope\","
                        + " error_description=\"token lacks a required scope\", scope=\"admin\","
                        + " resource_metadata=\"" + metadata + "\"",
                INSUFFICIENT_SCOPE_BODY, token);
    }

    static Stream<String> malformedBearerCredential() {
        String t = token().scopes("read").create();
        return Stream.of("Bearer " + t + ", junk", "Bearer " + t + " junk", "Bearer\t" + t, "Bearer " + t + ",",
                "Bearer " + t + "=x", "Bearer =" + t, "Bearer " + t + "\u00e9", "Bearer", "Bearer   ", "Bearer\u00e9" + t);
    }

    /** RFC 6750 §2.1: one credential, {@code Bearer}, spaces, a token68; a Bearer field otherwise is malformed. */
    @ParameterizedTest
    @MethodSource("malformedBearerCredential")
    void aMalformedBearerCredentialIs400InvalidRequest(String authorization) throws Exception {
        for (String path : List.of("/api/hello", "/protected/hello")) {
            HttpResponse<String> r = get(server, path, "Authorization", authorization);
            assertEquals(400, r.statusCode(), () -> authorization + " on " + path + ": " + r.body());
            assertEquals("invalid_request", Json.createReader(new java.io.StringReader(r.body())).readObject()
                    .getString("error"));
        }
        assertEquals(0, server.echoCalls());
    }

    static Stream<String> otherSchemes() {
        String t = token().scopes("read").create();
        return Stream.of("Basic YWxpY2U6c2VjcmV0", "Basic !!!", "Basic", "Digest username=\"a\"", "Negotiate abc",
                "Bearerfoo", "Basic x, Bearer " + t, "Foo " + t);
    }

    /**
     * RFC 6750 §3.1: a request with another scheme's credential lacks a bearer token: 401 with the challenge and no
     * error code (MP-JWT TCK {@code callEchoBASIC}), on public resources too, and the application never runs.
     */
    @ParameterizedTest
    @MethodSource("otherSchemes")
    void anotherSchemeIs401LikeNoToken(String authorization) throws Exception {
        for (String path : List.of("/api/hello", "/protected/hello")) {
            HttpResponse<String> r = get(server, path, "Authorization", authorization);
            assertEquals(401, r.statusCode(), () -> authorization + " on " + path + ": " + r.body());
            String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("Bearer realm=\"tokenguard\""), challenge);
            assertFalse(challenge.contains("error="), challenge);
        }
        assertEquals(0, server.echoCalls());
    }

    // ------------------------------------------------------------------------------------------------------
    // A valid token

    @Test
    void validTokenLogsInWithItsScopesAsRoles() throws Exception {
        String token = token().scopes("read", "write").claim("groups", List.of("staff", "read")).create();

        for (String path : List.of("/protected/hello", "/api/hello")) {
            HttpResponse<String> r = get(server, path, "Authorization", "Bearer " + token);

            assertEquals(200, r.statusCode(), r.body());
            assertEquals(json("{\"name\":\"alice\",\"remoteUser\":\"alice\",\"tokenPrincipal\":true,"
                    + "\"roles\":[\"read\",\"write\"]}"), json(r.body()));
            assertTrue(r.headers().allValues("WWW-Authenticate").isEmpty());
        }
        assertEquals(List.of(AuthenticationStatus.SUCCESS, AuthenticationStatus.SUCCESS), server.statuses());
        assertEquals(2, server.echoCalls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "BeArEr"})
    void bearerSchemeIsCaseInsensitive(String scheme) throws Exception {
        String token = token().scopes("read").create();

        HttpResponse<String> r = get(server, "/protected/hello", "Authorization", scheme + " " + token);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(json("{\"name\":\"alice\",\"remoteUser\":\"alice\",\"tokenPrincipal\":true,"
                + "\"roles\":[\"read\"]}"), json(r.body()));
    }

    // ------------------------------------------------------------------------------------------------------
    // Refused tokens

    static Stream<Arguments> refusedTokens() {
        String header = TestTokens.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = TestTokens.b64("{\"sub\":\"alice\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}");
        return Stream.of(
                Arguments.of("expired", token().expiresInSeconds(-3600).create(), Rejection.EXPIRED),
                Arguments.of("wrong issuer", token().issuer("https://evil.test").create(), Rejection.WRONG_ISSUER),
                Arguments.of("wrong audience", token().audience("https://other.test").create(),
                        Rejection.WRONG_AUDIENCE),
                Arguments.of("bad signature", OTHER_KEYS.token().subject("alice").issuer(ISSUER).audience(AUDIENCE)
                        .create(), Rejection.BAD_SIGNATURE),
                Arguments.of("malformed", "not.a.jwt-at-all", Rejection.MALFORMED),
                // An unsecured JWT (RFC 7519 §6) has an empty signature part: refused as malformed before its
                // header is even read; with some signature text, its alg is refused.
                Arguments.of("alg none", header + "." + claims + ".", Rejection.MALFORMED),
                Arguments.of("alg none with a signature", header + "." + claims + "."
                        + TestTokens.b64("not a signature at all"), Rejection.ALGORITHM_NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedTokenIs401InvalidTokenOnProtectedAndPublicPaths(String name, String token, Rejection expected)
            throws Exception {
        assertEquals(expected, PLAIN.verify(token).rejection(), "the verifier's own verdict on " + name);
        String challenge = "Bearer realm=\"tokenguard\", error=\"invalid_token\", error_description=\""
                + expected.description() + "\"";

        for (String path : List.of("/protected/hello", "/api/hello", "/rest/roles/open",
                "/.well-known/oauth-protected-resource")) {
            assertRefusal(get(server, path, "Authorization", "Bearer " + token), 401, challenge,
                    invalidTokenBody(expected), token);
        }
        assertEquals(0, server.echoCalls());
        assertEquals(0, server.jaxrsCalls());
    }

    @Test
    void tokenWithoutAVerifierRequiredScopeIs403InsufficientScope() throws Exception {
        server.use(settings(NEEDS_READ, TokenLocation.AUTHORIZATION, null));
        String token = token().scopes("write").create();
        String challenge = "Bearer realm=\"tokenguard\", error=\"insufficient_scope\","
                + " error_description=\"token lacks a required scope\", scope=\"read\"";

        for (String path : List.of("/protected/hello", "/api/hello")) {
            assertRefusal(get(server, path, "Authorization", "Bearer " + token), 403, challenge,
                    INSUFFICIENT_SCOPE_BODY, token);
        }
        assertEquals(0, server.echoCalls());

        // ... and the scope, once present, lets the caller in.
        HttpResponse<String> ok = get(server, "/protected/hello", "Authorization",
                "Bearer " + token().scopes("write", "read").create());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    // ------------------------------------------------------------------------------------------------------
    // Malformed requests

    @Test
    void twoAuthorizationHeadersAre400InvalidRequest() throws Exception {
        String a = token().scopes("read").create();
        String b = token().subject("bob").scopes("read").create();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/hello"))
                .header("Authorization", "Bearer " + a).header("Authorization", "Bearer " + b).GET().build();

        assertRefusal(send(request), 400,
                invalidRequestChallenge("the request carries more than one Authorization header"),
                invalidRequestBody("the request carries more than one Authorization header"), a, b);
        assertEquals(0, server.echoCalls());
    }

    @Test
    void twoTokensInOneAuthorizationHeaderAre400InvalidRequest() throws Exception {
        String a = token().scopes("read").create();
        String b = token().subject("bob").scopes("read").create();

        assertRefusal(get(server, "/protected/hello", "Authorization", "Bearer " + a + ", Bearer " + b), 400,
                invalidRequestChallenge("the Authorization header must hold one Bearer token and nothing else"),
                invalidRequestBody("the Authorization header must hold one Bearer token and nothing else"), a, b);
        assertEquals(0, server.echoCalls());
    }

    @Test
    void emptyBearerTokenIs400InvalidRequest() throws Exception {
        // "Bearer " arrives as "Bearer": the client and Tomcat both trim trailing whitespace from field values.
        for (String path : List.of("/api/hello", "/protected/hello")) {
            assertRefusal(get(server, path, "Authorization", "Bearer "), 400,
                    invalidRequestChallenge("the bearer token is empty"),
                    invalidRequestBody("the bearer token is empty"));
        }
        assertEquals(0, server.echoCalls());
    }

    // ------------------------------------------------------------------------------------------------------
    // Where the token may (not) be

    @Test
    void tokenInTheQueryStringIsIgnored() throws Exception {
        String token = token().scopes("read").create();

        assertAnonymousEcho(get(server, "/api/hello?access_token=" + token));
        assertRefusal(get(server, "/protected/hello?access_token=" + token), 401, "Bearer realm=\"tokenguard\"",
                TOKEN_REQUIRED_BODY, token);
    }

    @Test
    void tokenInAFormBodyIsIgnored() throws Exception {
        String token = token().scopes("read").create();

        assertAnonymousEcho(send(form("/api/hello", token)));
        assertRefusal(send(form("/protected/hello", token)), 401, "Bearer realm=\"tokenguard\"",
                TOKEN_REQUIRED_BODY, token);
        assertEquals(1, server.echoCalls());
    }

    @Test
    void cookieLocationReadsTheCookieAndIgnoresTheAuthorizationHeader() throws Exception {
        server.use(settings(PLAIN, new TokenLocation("Cookie", "Bearer"), null));
        String token = token().scopes("read").create();
        String expired = token().expiresInSeconds(-3600).create();

        HttpResponse<String> ok = get(server, "/protected/hello", "Cookie", "other=1; Bearer=" + token,
                "Authorization", "Bearer " + expired);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("alice", json(ok.body()).getString("name"));

        assertRefusal(get(server, "/protected/hello", "Authorization", "Bearer " + token), 401,
                "Bearer realm=\"tokenguard\"", TOKEN_REQUIRED_BODY, token);
        assertRefusal(get(server, "/api/hello", "Cookie", "Bearer=" + expired), 401,
                "Bearer realm=\"tokenguard\", error=\"invalid_token\", error_description=\"token has expired\"",
                invalidTokenBody(Rejection.EXPIRED), expired);
        // An empty cookie (what a logout leaves) is no token: 401 on a protected resource, anonymous on a public one
        assertRefusal(get(server, "/protected/hello", "Cookie", "Bearer="), 401, "Bearer realm=\"tokenguard\"",
                TOKEN_REQUIRED_BODY);
        assertAnonymousEcho(get(server, "/api/hello", "Cookie", "Bearer="));
    }

    @Test
    void customHeaderLocationReadsThatHeader() throws Exception {
        server.use(settings(PLAIN, new TokenLocation("X-Access-Token", null), null));
        String token = token().scopes("read").create();
        String expired = token().expiresInSeconds(-3600).create();

        for (String value : List.of(token, "Bearer " + token)) {
            HttpResponse<String> ok = get(server, "/protected/hello", "X-Access-Token", value,
                    "Authorization", "Bearer " + expired);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("alice", json(ok.body()).getString("name"));
        }
        assertRefusal(get(server, "/protected/hello", "Authorization", "Bearer " + token), 401,
                "Bearer realm=\"tokenguard\"", TOKEN_REQUIRED_BODY, token);
        assertRefusal(get(server, "/api/hello", "X-Access-Token", expired), 401,
                "Bearer realm=\"tokenguard\", error=\"invalid_token\", error_description=\"token has expired\"",
                invalidTokenBody(Rejection.EXPIRED), expired);
    }

    // ------------------------------------------------------------------------------------------------------
    // RFC 9728 metadata

    @Test
    void metadataDocumentIsServedAtTheResourcesWellKnownPathAndAtTheBareOne() throws Exception {
        String resource = server.origin() + "/mcp";
        server.use(new TokenGuardSettings(PLAIN, TokenLocation.AUTHORIZATION, "tokenguard", resource,
                List.of(ISSUER, "https://issuer2.test"), List.of("read", "write"), null, "test"));
        JsonObject expected = Json.createObjectBuilder()
                .add("resource", resource)
                .add("authorization_servers", Json.createArrayBuilder().add(ISSUER).add("https://issuer2.test"))
                .add("scopes_supported", Json.createArrayBuilder().add("read").add("write"))
                .add("bearer_methods_supported", Json.createArrayBuilder().add("header"))
                .build();

        // RFC 9728 §3.1 (well-known path + resource path) and the bare path MCP clients fall back to.
        for (String path : List.of("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-protected-resource")) {
            HttpResponse<String> r = get(server, path);
            assertEquals(200, r.statusCode(), path);
            assertJsonContentType(r);
            assertEquals(expected, json(r.body()), path);
            assertEquals(List.of("resource", "authorization_servers", "scopes_supported",
                    "bearer_methods_supported"), new ArrayList<>(json(r.body()).keySet()));
            assertEquals(List.of("max-age=300"), r.headers().allValues("Cache-Control"));
        }
        // RFC 9728 §3.3: a document may only be served for the identifier its URL was built from.
        for (String path : List.of("/.well-known/oauth-protected-resource/some/path",
                "/.well-known/oauth-protected-resource/mcp/more", "/.well-known/oauth-protected-resource/mc")) {
            assertEquals(404, get(server, path).statusCode(), path);
        }
    }

    @Test
    void metadataIs404WithoutAConfiguredResource() throws Exception {
        HttpResponse<String> r = get(server, "/.well-known/oauth-protected-resource");

        assertEquals(404, r.statusCode());
        assertFalse(r.body().contains("authorization_servers"));
    }

    // ------------------------------------------------------------------------------------------------------
    // JAX-RS role checks

    @Test
    void anonymousOnRolesAllowedIs401WithTheRoleAsScope() throws Exception {
        assertRefusal(get(server, "/rest/roles/read"), 401, "Bearer realm=\"tokenguard\", scope=\"read\"",
                TOKEN_REQUIRED_BODY);
        assertEquals(0, server.jaxrsCalls());
    }

    @Test
    void tokenWithoutTheRoleIs403InsufficientScope() throws Exception {
        String token = token().scopes("read").create();

        assertRefusal(get(server, "/rest/roles/admin", "Authorization", "Bearer " + token), 403,
                "Bearer realm=\"tokenguard\", error=\"insufficient_scope\","
                        + " error_description=\"token lacks a required scope\", scope=\"admin\"",
                INSUFFICIENT_SCOPE_BODY, token);
        assertEquals(0, server.jaxrsCalls());
    }

    @Test
    void tokenWithTheRoleIsLetIn() throws Exception {
        HttpResponse<String> r = get(server, "/rest/roles/read", "Authorization",
                "Bearer " + token().scopes("read").create());

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(json("{\"method\":\"read\",\"name\":\"alice\"}"), json(r.body()));
        assertEquals(1, server.jaxrsCalls());
    }

    @Test
    void aUsersGroupIsNotAScopeTheClientWasGranted() throws Exception {
        // OAuth delegation: the client holds "read" on behalf of a user who is in group "admin".
        String token = token().scopes("read").claim("groups", List.of("admin")).create();

        assertRefusal(get(server, "/rest/roles/admin", "Authorization", "Bearer " + token), 403,
                "Bearer realm=\"tokenguard\", error=\"insufficient_scope\","
                        + " error_description=\"token lacks a required scope\", scope=\"admin\"",
                INSUFFICIENT_SCOPE_BODY, token);
        assertEquals(0, server.jaxrsCalls());
    }

    @Test
    void groupsAreRolesWhenTheOperatorSaysSo() throws Exception {
        server.use(new TokenGuardSettings(PLAIN, TokenLocation.AUTHORIZATION, "tokenguard", null, List.of(ISSUER),
                List.of(), RoleMapping.of(List.of("scope", "groups", "realm_access/roles")), "test"));

        for (String token : List.of(token().claim("groups", List.of("admin")).create(),
                token().claim("realm_access", Map.of("roles", List.of("admin"))).create())) {
            HttpResponse<String> r = get(server, "/rest/roles/admin", "Authorization", "Bearer " + token);
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(2, server.jaxrsCalls());
    }

    /** Jakarta Annotations: a method keeps the class-level rule of the class that declares it. */
    @Test
    void anInheritedMethodKeepsItsBaseClassRule() throws Exception {
        String read = token().scopes("read").create();
        String admin = token().scopes("admin").create();
        for (String resource : List.of("/rest/inheriting", "/rest/permit-sub")) {
            assertRefusal(get(server, resource + "/base"), 401, "Bearer realm=\"tokenguard\", scope=\"admin\"",
                    TOKEN_REQUIRED_BODY);
            assertEquals(403, get(server, resource + "/base", "Authorization", "Bearer " + read).statusCode());
            assertEquals(200, get(server, resource + "/base", "Authorization", "Bearer " + admin).statusCode());
            assertEquals(200, get(server, resource + "/own").statusCode(), resource + "/own is open");
        }
        assertEquals(4, server.jaxrsCalls());
    }

    @Test
    void permitAllIsOpenToAnonymousCallers() throws Exception {
        HttpResponse<String> r = get(server, "/rest/roles/open");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(json("{\"method\":\"open\",\"name\":null}"), json(r.body()));
    }

    @Test
    void denyAllIs403ForEveryone() throws Exception {
        String token = token().scopes("read", "admin").create();
        assertRefusal(get(server, "/rest/roles/deny", "Authorization", "Bearer " + token), 403,
                "Bearer realm=\"tokenguard\", error=\"insufficient_scope\","
                        + " error_description=\"token lacks a required scope\"",
                INSUFFICIENT_SCOPE_BODY, token);

        // Nobody may call it, so no token can help: a challenge inviting one would send an OAuth client
        // through a whole authorization flow for nothing. Jersey's and RESTEasy's own @DenyAll give 403 here.
        HttpResponse<String> anonymous = get(server, "/rest/roles/deny");
        assertEquals(403, anonymous.statusCode(), "anonymous @DenyAll: " + anonymous.headers().map());
        assertEquals(0, server.jaxrsCalls());
    }

    @Test
    void methodPermitAllWinsOverClassRolesAllowed() throws Exception {
        HttpResponse<String> r = get(server, "/rest/guarded/open");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(json("{\"method\":\"guarded-open\",\"name\":null}"), json(r.body()));

        // The class's @RolesAllowed("read") still guards the other method.
        assertRefusal(get(server, "/rest/guarded/inherited"), 401, "Bearer realm=\"tokenguard\", scope=\"read\"",
                TOKEN_REQUIRED_BODY);
        assertEquals(1, server.jaxrsCalls());
    }

    // ------------------------------------------------------------------------------------------------------
    // The ChallengeFilter safety net

    @Test
    void challengeStandsWhenTheContainerIgnoresSendFailure() throws Exception {
        try (EmbeddedTomcat liberty = EmbeddedTomcat.start("", EmbeddedTomcat.Mode.CONTINUE_AFTER_SEND_FAILURE)) {
            liberty.use(settings(PLAIN, TokenLocation.AUTHORIZATION, null));
            String expired = token().expiresInSeconds(-3600).create();
            String challenge = "Bearer realm=\"tokenguard\", error=\"invalid_token\","
                    + " error_description=\"token has expired\"";

            assertRefusal(get(liberty, "/api/hello", "Authorization", "Bearer " + expired), 401, challenge,
                    invalidTokenBody(Rejection.EXPIRED), expired);
            assertRefusal(get(liberty, "/rest/roles/open", "Authorization", "Bearer " + expired), 401, challenge,
                    invalidTokenBody(Rejection.EXPIRED), expired);
            assertRefusal(get(liberty, "/protected/hello"), 401, "Bearer realm=\"tokenguard\"",
                    TOKEN_REQUIRED_BODY);
            assertRefusal(get(liberty, "/api/hello", "Authorization", "Bearer a, Bearer b"), 400,
                    invalidRequestChallenge("the Authorization header must hold one Bearer token and nothing else"),
                    invalidRequestBody("the Authorization header must hold one Bearer token and nothing else"));
            assertEquals(List.of(AuthenticationStatus.SEND_FAILURE, AuthenticationStatus.SEND_FAILURE,
                    AuthenticationStatus.SEND_FAILURE, AuthenticationStatus.SEND_FAILURE), liberty.statuses());
            assertEquals(0, liberty.echoCalls(), "the servlet must never run for a refused request");
            assertEquals(0, liberty.jaxrsCalls(), "the resource must never run for a refused request");

            // The safety net does not get in the way of accepted or anonymous requests.
            HttpResponse<String> ok = get(liberty, "/api/hello", "Authorization",
                    "Bearer " + token().scopes("read").create());
            assertEquals(200, ok.statusCode(), ok.body());
            assertAnonymousEcho(get(liberty, "/api/hello"));
            assertEquals(2, liberty.echoCalls());
        } finally {
            server.use(settings(PLAIN, TokenLocation.AUTHORIZATION, null));
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers

    private static RsaKeyPair.TokenBuilder token() {
        return KEYS.token().subject("alice").issuer(ISSUER).audience(AUDIENCE);
    }

    private static TokenGuardSettings settings(JwtVerifier verifier, TokenLocation location, String resource) {
        return new TokenGuardSettings(verifier, location, "tokenguard", resource, List.of(ISSUER),
                List.of("read", "write"), null, "test settings");
    }

    private static String invalidTokenBody(Rejection rejection) {
        return "{\"error\":\"invalid_token\",\"error_description\":\"" + rejection.description() + "\"}";
    }

    private static String invalidRequestChallenge(String description) {
        return "Bearer realm=\"tokenguard\", error=\"invalid_request\", error_description=\"" + description + "\"";
    }

    private static String invalidRequestBody(String description) {
        return "{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}";
    }

    private static HttpResponse<String> get(EmbeddedTomcat target, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private static HttpRequest form(String path, String token) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + token + "&x=1")).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void assertMetadataAt(String url, String resource) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build());
        assertEquals(200, r.statusCode(), "the announced resource_metadata URL must serve the document: " + url);
        assertJsonContentType(r);
        assertEquals(resource, json(r.body()).getString("resource"));
    }

    private static void assertAnonymousEcho(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(json("{\"name\":null,\"remoteUser\":null,\"tokenPrincipal\":false,\"roles\":[]}"),
                json(r.body()));
        assertTrue(r.headers().allValues("WWW-Authenticate").isEmpty());
    }

    private static void assertJsonContentType(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        String[] parts = type.split(";");
        assertEquals("application/json", parts[0].strip().toLowerCase(Locale.ROOT), "Content-Type " + type);
        for (int i = 1; i < parts.length; i++) {
            assertEquals("charset=utf-8", parts[i].strip().toLowerCase(Locale.ROOT), "Content-Type " + type);
        }
    }

    /** Exact status, one exact WWW-Authenticate, no-store, JSON, exact body, and no token text anywhere. */
    private static void assertRefusal(HttpResponse<String> r, int status, String wwwAuthenticate, String body,
                                      String... tokens) {
        assertEquals(status, r.statusCode(), () -> "status; headers " + r.headers().map() + " body " + r.body());
        assertEquals(List.of(wwwAuthenticate), r.headers().allValues("WWW-Authenticate"));
        assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
        assertJsonContentType(r);
        assertEquals(body, r.body());
        assertNoTokenText(r, tokens);
    }

    private static void assertNoTokenText(HttpResponse<String> r, String... tokens) {
        List<String> secrets = new ArrayList<>();
        for (String token : tokens) {
            secrets.add(token);
            String[] parts = token.split("\\.");
            if (parts.length == 3 && parts[2].length() >= 16) {
                secrets.add(parts[2]); // the signature part
            }
            if (parts.length >= 2 && parts[1].length() >= 16) {
                secrets.add(parts[1]); // the claims part
            }
        }
        for (String secret : secrets) {
            assertFalse(r.body().contains(secret), "the body repeats token text");
            for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
                for (String v : h.getValue()) {
                    assertFalse(v.contains(secret), "header " + h.getKey() + " repeats token text");
                }
            }
        }
    }
}
