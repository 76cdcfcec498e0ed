package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.it.Http.Answer;
import dev.tokenguard.it.server.AppServer;
import dev.tokenguard.it.server.AppServers;
import dev.tokenguard.it.server.Keycloak;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real identity provider: Keycloak (started by the test, realms imported from {@code it/servers/keycloak})
 * issues client-credentials tokens for the sample application, which runs on each server, on an instance of its
 * own configured with nothing but Keycloak's key-set URL, issuer and audience (and, for the discovery and
 * introspection tests, a second instance configured for them). Keycloak needs Java 21+: on a
 * machine without such a JDK these tests are skipped with a loud message (CI machines have Temurin 25).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.tokenguard.it.Servers#selected")
class KeycloakIT {

    private static final String REALM = "tokenguard";
    private static final java.util.concurrent.atomic.AtomicInteger ROTATIONS = new java.util.concurrent.atomic.AtomicInteger();
    private static Keycloak keycloak;
    /** The sample on each server, configured for the tokenguard realm; started when that server's tests start. */
    private static final Map<String, AppServer> APPS = new java.util.concurrent.ConcurrentHashMap<>();
    /** A second instance of the sample, configured per test below; stopped after each. */
    private static AppServer second;

    @Parameter
    String serverName;

    private AppServer app;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.keycloak", "true")),
                "Keycloak tests switched off with -Dit.keycloak=false");
        if (keycloak != null) {
            return;
        }
        Optional<Path> java = Keycloak.findJava21Plus();
        if (java.isEmpty()) {
            System.err.println("\n*** KeycloakIT SKIPPED: no Java 21+ JDK found (Keycloak needs one). Install one"
                    + " under /usr/lib/jvm or set KEYCLOAK_JAVA_HOME. ***\n");
        }
        Assumptions.assumeTrue(java.isPresent(), "no Java 21+ JDK for Keycloak");

        keycloak = Keycloak.in(Servers.path("it.servers.dir"), Servers.path("it.work.dir"));
        Path realms = Servers.path("it.config.dir").resolve("keycloak");
        keycloak.start(List.of(realms.resolve("tokenguard-realm.json"), realms.resolve("other-realm.json"),
                realms.resolve("third-realm.json")), 19380, 19390);

    }

    /** This server's instance of the sample: only Keycloak's key set, issuer and audience configured. */
    @BeforeEach
    void app() throws Exception {
        app = APPS.get(serverName);
        if (app != null) {
            return;
        }
        APPS.values().forEach(AppServer::stop); // the previous server's: one at a time
        APPS.clear();
        app = AppServers.create(serverName, Servers.path("it.servers.dir"), Servers.path("it.config.dir"),
                Servers.path("it.work.dir").resolve("keycloak-" + serverName), AppServers.defaultPort(serverName) + 50);
        Map<String, String> env = AppEnvironment.forIssuer(URI.create(keycloak.jwksUri(REALM)), app.baseUri(),
                keycloak.issuer(REALM));
        env.put("MP_JWT_VERIFY_AUDIENCES", "tokenguard-api");
        env.put("TOKENGUARD_JWKS_MIN_REFRESH_INTERVAL", "1s");
        app.start(Servers.war(), env);
        APPS.put(serverName, app);
    }

    @AfterAll
    static void stop() {
        APPS.values().forEach(AppServer::stop);
        APPS.clear();
        if (second != null) {
            second.stop();
        }
        if (keycloak != null) {
            keycloak.stop();
            keycloak = null;
        }
    }

    private URI uri(String path) {
        return URI.create(app.baseUri() + path);
    }

    private Answer get(String path, String token) {
        return Http.get(uri(path), "Authorization", Http.bearer(token));
    }

    @SuppressWarnings("unchecked")
    private List<String> scopesSeenByTheApplication(String token) throws Exception {
        Answer whoami = get("/api/whoami", token);
        assertEquals(200, whoami.status(), whoami.body());
        Map<String, Object> echo = JsonUtil.parseJson(whoami.body());
        return (List<String>) ((Map<String, Object>) echo.get("accessToken")).get("scopes");
    }

    @Test
    void clientCredentialsTokensCarryTheirScopes() throws Exception {
        String admin = keycloak.clientCredentialsToken(REALM, "tokenguard-admin", "admin-secret");
        assertTrue(scopesSeenByTheApplication(admin).containsAll(List.of("read", "admin")));
        assertEquals(200, get("/api/notes", admin).status());
        assertEquals(200, Http.delete(uri("/api/notes/1"), "Authorization", Http.bearer(admin)).status());

        String reader = keycloak.clientCredentialsToken(REALM, "tokenguard-reader", "reader-secret");
        List<String> readerScopes = scopesSeenByTheApplication(reader);
        assertTrue(readerScopes.contains("read") && !readerScopes.contains("admin"), readerScopes.toString());
        Answer refused = Http.delete(uri("/api/notes/1"), "Authorization", Http.bearer(reader));
        assertEquals(403, refused.status());
        assertTrue(refused.challenge().contains("error=\"insufficient_scope\""), refused.challenge());

        String readerAsAdmin = keycloak.clientCredentialsToken(REALM, "tokenguard-reader", "reader-secret", "admin");
        assertEquals(200, Http.delete(uri("/api/notes/1"), "Authorization", Http.bearer(readerAsAdmin)).status());
    }

    @Test
    void aTokenFromAnotherRealmIsRefused() {
        String other = keycloak.clientCredentialsToken("other", "other-client", "other-secret");
        Answer a = get("/api/notes", other);
        assertEquals(401, a.status(), a.body());
        assertTrue(a.challenge().contains("error=\"invalid_token\""), a.challenge());
    }

    @Test
    void aSigningKeyAddedInKeycloakIsPickedUpWithoutARestart() throws Exception {
        String before = keycloak.clientCredentialsToken(REALM, "tokenguard-admin", "admin-secret");
        assertEquals(200, get("/api/notes", before).status());

        // Each rotation above the last (one per server): Keycloak signs with the key of highest priority.
        keycloak.addRsaSigningKey(REALM, "rotated-" + System.nanoTime(), 500 + 10 * ROTATIONS.incrementAndGet());
        Thread.sleep(1_500); // past the application's minimum refresh interval (1 s here)
        String after = keycloak.clientCredentialsToken(REALM, "tokenguard-admin", "admin-secret");
        assertNotEquals(kid(before), kid(after), "Keycloak signs with the new, higher-priority key");
        Answer a = get("/api/notes", after);
        assertEquals(200, a.status(), a.body());
        assertEquals(200, get("/api/notes", before).status(), "the old key is still published");
    }

    /** The sample on a second server instance, configured by {@code settings} and without a key location. */
    private AppServer startSecond(Map<String, String> settings) throws Exception {
        if (second != null) {
            second.stop();
        }
        second = AppServers.create(serverName, Servers.path("it.servers.dir"), Servers.path("it.config.dir"),
                Servers.path("it.work.dir").resolve("keycloak2-" + serverName), AppServers.defaultPort(serverName) + 60);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        // No key property: the WAR's file names none (an empty environment variable would not unset one on Payara,
        // whose MicroProfile Config then falls back to the file's value).
        env.put("TOKENGUARD_RESOURCE", second.baseUri().toString());
        env.put("MP_JWT_VERIFY_AUDIENCES", "tokenguard-api");
        env.putAll(settings);
        second.start(Servers.war(), env);
        return second;
    }

    private static Answer notes(AppServer server, String token) {
        return Http.get(URI.create(server.baseUri() + "/api/notes"), "Authorization", Http.bearer(token));
    }

    /**
     * Only issuers: each realm's keys found from its metadata; tokens of both realms accepted, a third realm's
     * refused (and its metadata never asked for).
     */
    @Test
    void twoRealmsAsTwoTrustedIssuersFoundByDiscoveryAlone() throws Exception {
        AppServer s = startSecond(Map.of("MP_JWT_VERIFY_ISSUER", keycloak.issuer(REALM) + "," + keycloak.issuer("other")));
        String mine = keycloak.clientCredentialsToken(REALM, "tokenguard-admin", "admin-secret");
        String other = keycloak.clientCredentialsToken("other", "other-client", "other-secret");
        String third = keycloak.clientCredentialsToken("third", "third-client", "third-secret");
        assertEquals(200, notes(s, mine).status(), notes(s, mine).body());
        assertEquals(200, notes(s, other).status());
        Answer refused = notes(s, third);
        assertEquals(401, refused.status());
        assertTrue(refused.challenge().contains("token issuer is not accepted"), refused.challenge());
        second.stop();
        second = null;
    }

    /**
     * Introspection at Keycloak's endpoint, cache off: a token is accepted while active and refused as soon as
     * Keycloak has revoked it.
     */
    @Test
    void introspectionSeesARevocationAtOnce() throws Exception {
        AppServer s = startSecond(Map.of(
                "MP_JWT_VERIFY_ISSUER", keycloak.issuer(REALM),
                "TOKENGUARD_INTROSPECTION_ENDPOINT", keycloak.introspectionEndpoint(REALM),
                // The resource server introspects as itself: Keycloak (26.6.2 on) answers only a client in the aud.
                "TOKENGUARD_INTROSPECTION_CLIENT_ID", "tokenguard-api",
                "TOKENGUARD_INTROSPECTION_CLIENT_SECRET", "api-secret"));
        String token = keycloak.clientCredentialsToken(REALM, "tokenguard-reader", "reader-secret");
        Answer ok = notes(s, token);
        assertEquals(200, ok.status(), ok.body());
        keycloak.revoke(REALM, "tokenguard-reader", "reader-secret", token);
        Answer revoked = notes(s, token);
        assertEquals(401, revoked.status());
        assertTrue(revoked.challenge().contains("error=\"invalid_token\"")
                && revoked.challenge().contains("token is not active"), revoked.challenge());
        String other = keycloak.clientCredentialsToken("other", "other-client", "other-secret");
        assertEquals(401, notes(s, other).status(), "another realm's token: not active at this realm's endpoint");
        second.stop();
        second = null;
    }

    private static String kid(String token) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return (String) JsonUtil.parseJson(header).get("kid");
    }
}
