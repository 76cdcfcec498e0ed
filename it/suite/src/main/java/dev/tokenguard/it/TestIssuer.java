package dev.tokenguard.it;

import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.jwt.JwkData;
import dev.tokenguard.jwt.JwksData;
import dev.tokenguard.jwt.RsaKeyPair;
import java.io.IOException;
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

/**
 * A stand-in authorization server for the demo and the tests: it publishes a JWK Set over HTTP (the JDK's
 * HTTP server) and mints RS256 tokens with TokenGuard's {@link RsaKeyPair}. Keys can be published and
 * withdrawn while it runs, to rotate them under a live application.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ISSUER = "https://issuer.tokenguard.example";
    public static final String MAIN_KID = "main-key";

    private final HttpServer server;
    private final Map<String, RsaKeyPair> keys = new LinkedHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    public TestIssuer(int port) throws IOException {
        keys.put(MAIN_KID, RsaKeyPair.generate());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-issuer");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Where the application finds the keys. */
    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    /** The published key set, as the application sees it. */
    public synchronized String jwks() {
        List<JwkData> published = new ArrayList<>();
        keys.forEach((kid, pair) -> published.add(pair.toJwk(kid)));
        return new JwksData(published).toJson();
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
        return pair.token().keyId(kid).issuer(ISSUER).audience(audience).subject("alice");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
