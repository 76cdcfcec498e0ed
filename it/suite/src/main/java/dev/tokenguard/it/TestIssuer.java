package dev.tokenguard.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.jwt.JwkData;
import dev.tokenguard.jwt.JwksData;
import dev.tokenguard.jwt.RsaKeyPair;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;

/**
 * A small authorization server for the demo and the tests, on the JDK's HTTP server. It publishes its JWK Set
 * and its RFC 8414 metadata, issues RS256 tokens (minted with TokenGuard's {@link RsaKeyPair}) to registered
 * clients through the client-credentials grant (RFC 6749 §4.4, with RFC 8707 resource indicators), and lets
 * tests mint tokens directly. Keys can be published and withdrawn while it runs. Its issuer identifier is its
 * own URL, so that OAuth clients can discover it from there.
 *
 * <p>Only the client-credentials grant is implemented; the authorization endpoint refuses every request with
 * {@code unsupported_response_type} (RFC 6749 §4.1.2.1), which its metadata announces by listing no response
 * types.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String MAIN_KID = "main-key";
    public static final String EC_KID = "ec-key";

    /** A client registered for the client-credentials grant, and the scopes it may be given. */
    public record Client(String id, String secret, List<String> scopes) {
    }

    /** The clients registered with every issuer. */
    public static final List<Client> CLIENTS = List.of(
            new Client("reader-client", "reader-secret", List.of("read")),
            new Client("admin-client", "admin-secret", List.of("read", "admin")));

    private final HttpServer server;
    private final Map<String, RsaKeyPair> keys = new LinkedHashMap<>();
    private final KeyPair ecKey;
    private final AtomicInteger fetches = new AtomicInteger();
    private boolean noKeys;

    public TestIssuer(int port) throws IOException {
        keys.put(MAIN_KID, RsaKeyPair.generate());
        ecKey = newEcKey();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-issuer");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            send(exchange, 200, jwks());
        });
        server.createContext("/.well-known/oauth-authorization-server", exchange ->
                send(exchange, 200, metadata()));
        server.createContext("/authorize", exchange -> send(exchange, 400, JsonUtil.toJson(Map.of(
                "error", "unsupported_response_type",
                "error_description", "this authorization server only issues tokens by the client-credentials grant"))));
        server.createContext("/token", new TokenEndpoint(this));
        server.start();
    }

    /** The issuer identifier ({@code iss}): this server's own URL. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the application finds the keys. */
    public URI jwksUri() {
        return URI.create(issuer() + "/jwks.json");
    }

    /** RFC 8414 authorization server metadata. */
    String metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer());
        m.put("authorization_endpoint", issuer() + "/authorize");
        m.put("token_endpoint", issuer() + "/token");
        m.put("jwks_uri", jwksUri().toString());
        m.put("response_types_supported", List.of());
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("scopes_supported", List.of("read", "admin"));
        return JsonUtil.toJson(m);
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * While true, the key set is published with no usable key (an empty {@code keys} array): how an issuer
     * withdraws every key at once.
     */
    public synchronized void publishNoKeys(boolean none) {
        this.noKeys = none;
    }

    /** The published key set, as the application sees it: the RSA keys and one P-256 key (ES256). */
    public synchronized String jwks() {
        if (noKeys) {
            return "{\"keys\":[]}";
        }
        List<JwkData> published = new ArrayList<>();
        keys.forEach((kid, pair) -> published.add(pair.toJwk(kid)));
        ECPublicKey ec = (ECPublicKey) ecKey.getPublic();
        published.add(new JwkData("EC", EC_KID, "sig", "ES256", null, null, "P-256", coordinate(ec.getW().getAffineX()),
                coordinate(ec.getW().getAffineY()), null, null));
        return new JwksData(published).toJson();
    }

    /** The issuer's P-256 key, published under {@link #EC_KID}. */
    public KeyPair ecKey() {
        return ecKey;
    }

    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static KeyPair newEcKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a new key under {@code kid} and returns it. */
    public synchronized RsaKeyPair publish(String kid) {
        RsaKeyPair pair = RsaKeyPair.generate();
        keys.put(kid, pair);
        return pair;
    }

    /** Stops publishing {@code kid}; tokens signed with it should be refused once the application refreshes. */
    public synchronized void withdraw(String kid) {
        keys.remove(kid);
    }

    public synchronized RsaKeyPair key(String kid) {
        return keys.get(kid);
    }

    /** How many times the key set was fetched. */
    public int fetches() {
        return fetches.get();
    }

    /** A token builder signed with the main key, for {@code audience}, with the issuer set. */
    public RsaKeyPair.TokenBuilder token(String audience) {
        return token(MAIN_KID, audience);
    }

    /** A token builder signed with the key {@code kid}, which carries that kid. */
    public RsaKeyPair.TokenBuilder token(String kid, String audience) {
        RsaKeyPair pair;
        synchronized (this) {
            pair = keys.get(kid);
        }
        if (pair == null) {
            throw new IllegalArgumentException("no key " + kid);
        }
        return pair.token().keyId(kid).issuer(issuer()).audience(audience).subject("alice");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
