package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.internal.IssuerMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys found from the issuer's metadata (OpenID Connect Discovery, RFC 8414), and several trusted issuers, against
 * a real HTTP server (the JDK's) that serves documents by path and records every request.
 */
class IssuerDiscoveryTest {

    private HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final RsaKeyPair keysA = RsaKeyPair.generate();
    private final RsaKeyPair keysB = RsaKeyPair.generate();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requested.add(path);
        String doc = documents.get(path);
        byte[] body = (doc == null ? "{}" : doc).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(doc == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes an issuer's metadata at {@code metadataPath} and its key set beside it. */
    private void publish(String issuer, String metadataPath, String jwksPath, RsaKeyPair keys, String kid) {
        documents.put(metadataPath, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + origin() + jwksPath + "\"}");
        documents.put(jwksPath, JwksData.of(keys.toJwk(kid)).toJson());
    }

    private JwtVerifier discovering(String... issuers) {
        return JwtVerifier.builder().issuer(issuers).discoverKeys()
                .keySetMinRefreshInterval(Duration.ZERO).build();
    }

    @Test
    void anIssuerAloneIsEnoughItsKeysComeFromItsOpenIdConfiguration() {
        String issuer = origin();
        publish(issuer, "/.well-known/openid-configuration", "/certs", keysA, "a1");
        JwtVerifier v = discovering(issuer);
        Verification ok = v.verify(keysA.token().issuer(issuer).keyId("a1").create());
        assertTrue(ok.isAccepted(), ok.toString());
        assertEquals(List.of("/.well-known/openid-configuration", "/certs"), requested);
    }

    @Test
    void anIssuerWithAPathUsesTheRfc8414PathInsertionForm() {
        String issuer = origin() + "/realms/demo";
        publish(issuer, "/.well-known/oauth-authorization-server/realms/demo", "/realms/demo/certs", keysA, "a1");
        JwtVerifier v = discovering(issuer);
        assertTrue(v.verify(keysA.token().issuer(issuer).keyId("a1").create()).isAccepted());
        assertEquals(List.of("/realms/demo/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server/realms/demo", "/realms/demo/certs"), requested);
        assertEquals(List.of(URI.create(issuer + "/.well-known/openid-configuration"),
                URI.create(origin() + "/.well-known/oauth-authorization-server/realms/demo"),
                URI.create(origin() + "/.well-known/openid-configuration/realms/demo")),
                IssuerMetadata.locations(issuer + "/"), "a trailing slash changes nothing");
    }

    @Test
    void metadataNamingAnotherIssuerIsRefused() {
        String issuer = origin();
        documents.put("/.well-known/openid-configuration", "{\"issuer\":\"https://evil.example\",\"jwks_uri\":\""
                + origin() + "/certs\"}");
        documents.put("/certs", JwksData.of(keysA.toJwk("a1")).toJson());
        Verification v = discovering(issuer).verify(keysA.token().issuer(issuer).keyId("a1").create());
        assertEquals(Rejection.KEYS_UNAVAILABLE, v.rejection());
        assertTrue(v.detail().contains("RFC 8414"), v.detail());
        assertTrue(requested.stream().noneMatch(p -> p.equals("/certs")), "the key set it names is never fetched");
    }

    @Test
    void metadataWithoutJwksUriIsRefused() {
        String issuer = origin();
        documents.put("/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\"}");
        Verification v = discovering(issuer).verify(keysA.token().issuer(issuer).keyId("a1").create());
        assertEquals(Rejection.KEYS_UNAVAILABLE, v.rejection());
        assertTrue(v.detail().contains("no jwks_uri"), v.detail());
    }

    @Test
    void anIssuerDownAtStartIsFoundLater() {
        String issuer = origin();
        JwtVerifier v = discovering(issuer); // nothing published yet: building fetches nothing
        assertTrue(requested.isEmpty());
        assertEquals(Rejection.KEYS_UNAVAILABLE, v.verify(keysA.token().issuer(issuer).keyId("a1").create())
                .rejection());
        publish(issuer, "/.well-known/openid-configuration", "/certs", keysA, "a1");
        assertTrue(v.verify(keysA.token().issuer(issuer).keyId("a1").create()).isAccepted());
    }

    @Test
    void aTokenOfAnUnconfiguredIssuerCostsNoFetch() {
        String issuer = origin();
        publish(issuer, "/.well-known/openid-configuration", "/certs", keysA, "a1");
        JwtVerifier v = discovering(issuer);
        for (String iss : new String[] {"https://evil.example", origin() + "/", origin().toUpperCase()}) {
            Verification refused = v.verify(keysA.token().issuer(iss).keyId("a1").create());
            assertEquals(Rejection.WRONG_ISSUER, refused.rejection(), iss);
        }
        assertEquals(Rejection.WRONG_ISSUER, v.verify(keysA.token().keyId("a1").create()).rejection(), "no iss");
        assertEquals(List.of(), requested, "zero fetches");
    }

    @Test
    void severalIssuersEachWithItsOwnKeysWhichNeverVerifyTheOthersTokens() {
        String a = origin() + "/realms/a";
        String b = origin() + "/realms/b";
        publish(a, "/realms/a/.well-known/openid-configuration", "/realms/a/certs", keysA, "k");
        publish(b, "/realms/b/.well-known/openid-configuration", "/realms/b/certs", keysB, "k");
        JwtVerifier v = discovering(a, b);
        assertTrue(v.verify(keysA.token().issuer(a).keyId("k").create()).isAccepted());
        assertTrue(v.verify(keysB.token().issuer(b).keyId("k").create()).isAccepted());
        // B's key signing a token that claims A: A's keys are used, and the signature fails.
        assertEquals(Rejection.BAD_SIGNATURE, v.verify(keysB.token().issuer(a).keyId("k").create()).rejection());
        assertEquals(Rejection.WRONG_ISSUER, v.verify(keysA.token().issuer(origin() + "/realms/c").keyId("k")
                .create()).rejection());
        assertNull(documents.get("/realms/c/.well-known/openid-configuration"));
        assertTrue(requested.stream().noneMatch(p -> p.contains("/realms/c")), "no fetch for realm c");
    }

    @Test
    void theBuilderNeedsIssuersThatAreUrls() {
        for (Runnable bad : List.<Runnable>of(
                () -> JwtVerifier.builder().discoverKeys().build(),
                () -> JwtVerifier.builder().issuer("not a url").discoverKeys().build(),
                () -> JwtVerifier.builder().issuer(origin()).discoverKeys().jwksUri(origin() + "/certs").build(),
                () -> JwtVerifier.builder().issuer(origin()).discoverKeys().algorithm("HS256").build())) {
            try {
                bad.run();
                throw new AssertionError("accepted");
            } catch (JwtVerifier.InvalidSettingException expected) {
                assertTrue(!expected.getMessage().isBlank());
            }
        }
    }
}
