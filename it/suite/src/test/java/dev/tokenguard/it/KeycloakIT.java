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
import org.junit.jupiter.api.Test;

/**
 * A real identity provider: Keycloak (started by the test, realms imported from {@code it/servers/keycloak})
 * issues client-credentials tokens for the sample application, which runs on its own server instance
 * configured with nothing but Keycloak's key-set URL, issuer and audience. Keycloak needs Java 21+: on a
 * machine without such a JDK these tests are skipped with a loud message (CI machines have Temurin 25).
 */
class KeycloakIT {

    private static final String REALM = "tokenguard";
    private static Keycloak keycloak;
    private static AppServer app;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.keycloak", "true")),
                "Keycloak tests switched off with -Dit.keycloak=false");
        Optional<Path> java = Keycloak.findJava21Plus();
        if (java.isEmpty()) {
            System.err.println("\n*** KeycloakIT SKIPPED: no Java 21+ JDK found (Keycloak needs one). Install one"
                    + " under /usr/lib/jvm or set KEYCLOAK_JAVA_HOME. ***\n");
        }
        Assumptions.assumeTrue(java.isPresent(), "no Java 21+ JDK for Keycloak");

        keycloak = Keycloak.in(Servers.path("it.servers.dir"), Servers.path("it.work.dir"));
        Path realms = Servers.path("it.config.dir").resolve("keycloak");
        keycloak.start(List.of(realms.resolve("tokenguard-realm.json"), realms.resolve("other-realm.json")),
                19380, 19390);

        String serverName = Servers.selected().get(0);
        app = AppServers.create(serverName, Servers.path("it.servers.dir"), Servers.path("it.config.dir"),
                Servers.path("it.work.dir").resolve("keycloak-" + serverName), AppServers.defaultPort(serverName) + 50);
        Map<String, String> env = AppEnvironment.forIssuer(URI.create(keycloak.jwksUri(REALM)), app.baseUri(),
                keycloak.issuer(REALM));
        env.put("MP_JWT_VERIFY_AUDIENCES", "tokenguard-api");
        env.put("TOKENGUARD_JWKS_MIN_REFRESH_INTERVAL", "1s");
        app.start(Servers.war(), env);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    private static URI uri(String path) {
        return URI.create(app.baseUri() + path);
    }

    private static Answer get(String path, String token) {
        return Http.get(uri(path), "Authorization", Http.bearer(token));
    }

    @SuppressWarnings("unchecked")
    private static List<String> scopesSeenByTheApplication(String token) throws Exception {
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

        keycloak.addRsaSigningKey(REALM, "rotated-" + System.nanoTime(), 500);
        Thread.sleep(1_500); // past the application's minimum refresh interval (1 s here)
        String after = keycloak.clientCredentialsToken(REALM, "tokenguard-admin", "admin-secret");
        assertNotEquals(kid(before), kid(after), "Keycloak signs with the new, higher-priority key");
        Answer a = get("/api/notes", after);
        assertEquals(200, a.status(), a.body());
        assertEquals(200, get("/api/notes", before).status(), "the old key is still published");
    }

    private static String kid(String token) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return (String) JsonUtil.parseJson(header).get("kid");
    }
}
