package dev.tokenguard.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.testing.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection against a real HTTP server (the JDK's) that plays the authorization server. */
class IntrospectionVerifierTest {

    /** What the endpoint answers for a token: status, content type, body, delay. */
    private record Answer(int status, String type, String body, long delayMillis) {
        static Answer json(String body) {
            return new Answer(200, "application/json", body, 0);
        }
    }

    private HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicReference<Answer> fallback = new AtomicReference<>(Answer.json("{\"active\":false}"));
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> metadata = new AtomicReference<>("{}");
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final Instant now = Instant.parse("2026-12-02T12:00:00Z");
    private final AtomicReference<Instant> time = new AtomicReference<>(now);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return time.get();
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/introspect", this::handle);
        server.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] doc = metadata.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, doc.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(doc);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        form.put("#authorization", authorization == null ? "" : authorization);
        requests.add(form);
        Answer a = answers.getOrDefault(form.get("token"), fallback.get());
        try {
            Thread.sleep(a.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", a.type());
        exchange.sendResponseHeaders(a.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException cancelled) {
            // the verifier stopped reading (too large, too slow)
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
    }

    private IntrospectionVerifier.Builder verifier() {
        return IntrospectionVerifier.builder().endpoint(endpoint()).clientSecretBasic("rs", "s3cret").clock(clock)
                .readTimeout(Duration.ofMillis(800)).connectTimeout(Duration.ofMillis(500));
    }

    private String active(String extra) {
        return "{\"active\":true,\"scope\":\"read write\",\"client_id\":\"app\",\"sub\":\"alice\",\"exp\":"
                + now.plusSeconds(3600).getEpochSecond() + extra + "}";
    }

    @Test
    void anActiveTokenBecomesAnAccessTokenByTheJwtRules() {
        answers.put("opaque-1", Answer.json(active(",\"iss\":\"https://as\",\"aud\":[\"api\",\"other\"]")));
        Verification v = verifier().build().verify("opaque-1");
        assertTrue(v.isAccepted(), v.toString());
        AccessToken t = v.accessToken();
        assertEquals(List.of("read", "write"), t.scopes());
        assertEquals("app", t.clientId());
        assertEquals("alice", t.subject());
        assertEquals(now.plusSeconds(3600), t.expiresAt());
        assertEquals("https://as", t.claims().get("iss"));
    }

    @Test
    void theClientAuthenticatesAsConfiguredAndTheTokenIsFormEncoded() {
        answers.put("a+b/c=", Answer.json(active("")));
        IntrospectionVerifier basic = IntrospectionVerifier.builder().endpoint(endpoint())
                .clientSecretBasic("my client", "p:ss&word").clock(clock).build();
        assertTrue(basic.verify("a+b/c=").isAccepted());
        Map<String, String> sent = requests.get(0);
        assertEquals("a+b/c=", sent.get("token"));
        assertEquals("access_token", sent.get("token_type_hint"));
        // RFC 6749 §2.3.1: form-encoded, then joined with ':' and base64-encoded.
        assertEquals("Basic " + Base64.getEncoder().encodeToString("my+client:p%3Ass%26word".getBytes(
                StandardCharsets.UTF_8)), sent.get("#authorization"));
        assertFalse(sent.containsKey("client_secret"));

        IntrospectionVerifier post = IntrospectionVerifier.builder().endpoint(endpoint())
                .clientSecretPost("my client", "p:ss&word").clock(clock).build();
        assertTrue(post.verify("a+b/c=").isAccepted());
        assertEquals("my client", requests.get(1).get("client_id"));
        assertEquals("p:ss&word", requests.get(1).get("client_secret"));
        assertEquals("", requests.get(1).get("#authorization"));
    }

    @Test
    void anInactiveTokenIsRefusedAsInactive() {
        answers.put("revoked", Answer.json("{\"active\":false}"));
        Verification v = verifier().build().verify("revoked");
        assertEquals(Rejection.INACTIVE, v.rejection());
    }

    @Test
    void aFailingEndpointIsItsOwnCategoryWithAWarningNotABadToken() {
        answers.put("t500", new Answer(500, "text/plain", "oops", 0));
        answers.put("t401", new Answer(401, "application/json", "{\"error\":\"invalid_client\"}", 0));
        answers.put("html", new Answer(200, "text/html", "<html>", 0));
        List<String> warnings = LogCapture.warnings(() -> {
            IntrospectionVerifier v = verifier().build();
            assertEquals(Rejection.INTROSPECTION_REFUSED, v.verify("t500").rejection());
            assertEquals(Rejection.INTROSPECTION_REFUSED, v.verify("t401").rejection());
            assertEquals(Rejection.INTROSPECTION_MALFORMED, v.verify("html").rejection(), "not JSON");
        });
        assertEquals(1, warnings.size(), "at most one warning a minute: " + warnings);
        assertTrue(warnings.get(0).contains("introspection endpoint 127.0.0.1 failed"), warnings.get(0));
        assertFalse(String.join("\n", warnings).contains("t500"), "never the token");
    }

    @Test
    void anAnswerThatIsNotRfc7662IsMalformed() {
        IntrospectionVerifier v = verifier().build();
        for (String body : List.of("not json", "{\"active\":\"true\"}", "{\"scope\":\"read\"}", "[true]",
                "{\"active\":true,\"active\":false}", "{\"active\":true} {}")) {
            answers.put("m", Answer.json(body));
            assertEquals(Rejection.INTROSPECTION_MALFORMED, v.verify("m").rejection(), body);
        }
        answers.put("m", Answer.json("{\"active\":true,\"scope\":7}"));
        assertEquals(Rejection.INVALID_CLAIM, v.verify("m").rejection());
        answers.put("m", Answer.json("{\"active\":true,\"exp\":\"soon\"}"));
        assertEquals(Rejection.INVALID_CLAIM, v.verify("m").rejection());
    }

    @Test
    void aSlowOrAbsentOrOversizedEndpointIsUnavailable() throws IOException {
        answers.put("slow", new Answer(200, "application/json", active(""), 3_000));
        long start = System.nanoTime();
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, verifier().build().verify("slow").rejection());
        assertTrue(System.nanoTime() - start < 2_900_000_000L, "cut off at the budget, not after the answer");

        answers.put("big", Answer.json(active(",\"pad\":\"" + "x".repeat(100_000) + "\"")));
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, verifier().build().verify("big").rejection());

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        IntrospectionVerifier down = IntrospectionVerifier.builder().endpoint("http://127.0.0.1:" + closed + "/x")
                .clientSecretBasic("rs", "s").build();
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, down.verify("t").rejection());
    }

    @Test
    void scopesIssuerAudienceAndExpiryAreChecked() {
        answers.put("t", Answer.json(active(",\"iss\":\"https://as\",\"aud\":\"api\"")));
        assertEquals(Rejection.INSUFFICIENT_SCOPE, verifier().requiredScopes("admin").build().verify("t").rejection());
        assertTrue(verifier().requiredScopes("read").build().verify("t").isAccepted());
        assertEquals(Rejection.WRONG_ISSUER, verifier().issuers(List.of("https://other")).build().verify("t")
                .rejection());
        assertEquals(Rejection.WRONG_AUDIENCE, verifier().audiences(List.of("elsewhere")).build().verify("t")
                .rejection());
        assertTrue(verifier().issuers(List.of("https://as")).audiences(List.of("api")).build().verify("t")
                .isAccepted());
        answers.put("old", Answer.json("{\"active\":true,\"exp\":" + now.minusSeconds(120).getEpochSecond() + "}"));
        assertEquals(Rejection.EXPIRED, verifier().build().verify("old").rejection());
    }

    @Test
    void withoutTheCacheARevokedTokenIsRefusedAtOnce() {
        answers.put("t", Answer.json(active("")));
        IntrospectionVerifier v = verifier().build();
        assertTrue(v.verify("t").isAccepted());
        answers.put("t", Answer.json("{\"active\":false}")); // revoked at the authorization server
        assertEquals(Rejection.INACTIVE, v.verify("t").rejection());
        assertEquals(2, calls.get(), "every verification asks");
    }

    @Test
    void theCacheKeepsAcceptancesWithinItsTtlAndTheTokensExpiryOnly() {
        answers.put("t", Answer.json(active("")));
        IntrospectionVerifier v = verifier().cacheTtl(Duration.ofSeconds(60)).build();
        assertTrue(v.verify("t").isAccepted());
        assertTrue(v.verify("t").isAccepted());
        assertEquals(1, calls.get(), "the second one from the cache");
        time.set(now.plusSeconds(61));
        assertTrue(v.verify("t").isAccepted());
        assertEquals(2, calls.get(), "past the TTL: asked again");

        answers.put("short", Answer.json("{\"active\":true,\"exp\":" + now.plusSeconds(61 + 5).getEpochSecond() + "}"));
        assertTrue(v.verify("short").isAccepted());
        time.set(now.plusSeconds(61 + 6));
        v.verify("short");
        assertEquals(4, calls.get(), "never past the token's exp, though the TTL is longer");

        answers.put("no", Answer.json("{\"active\":false}"));
        v.verify("no");
        v.verify("no");
        assertEquals(6, calls.get(), "a refusal is asked again");

        answers.put("few", Answer.json(active("")));
        assertEquals(Rejection.INSUFFICIENT_SCOPE, verifier().cacheTtl(Duration.ofSeconds(60)).requiredScopes("admin")
                .build().verify("few").rejection());
    }

    @Test
    void theCacheIsBounded() {
        IntrospectionVerifier v = verifier().cacheTtl(Duration.ofMinutes(5)).cacheSize(10).build();
        for (int i = 0; i < 50; i++) {
            answers.put("t" + i, Answer.json(active("")));
            assertTrue(v.verify("t" + i).isAccepted());
        }
        java.lang.reflect.Field cache;
        try {
            cache = IntrospectionVerifier.class.getDeclaredField("cache");
            cache.setAccessible(true);
            assertTrue(((IntrospectionCache) cache.get(v)).size() <= 10);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStormOfOneTokenMakesOneCall() throws Exception {
        answers.put("hot", new Answer(200, "application/json", active(""), 300));
        IntrospectionVerifier v = verifier().cacheTtl(Duration.ofSeconds(60)).build();
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Verification>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return v.verify("hot");
            }));
        }
        go.countDown();
        for (Future<Verification> f : results) {
            assertTrue(f.get().isAccepted());
        }
        pool.shutdown();
        assertEquals(1, calls.get(), "one introspection for 32 simultaneous requests");
        assertEquals(1, v.introspectionCalls());
    }

    @Test
    void theEndpointCanComeFromTheIssuersMetadata() {
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        answers.put("t", Answer.json(active("")));
        IntrospectionVerifier v = IntrospectionVerifier.builder().discoverEndpoint(issuer)
                .clientSecretBasic("rs", "s").clock(clock).build();
        metadata.set("{\"issuer\":\"https://elsewhere.example\",\"introspection_endpoint\":\"" + endpoint() + "\"}");
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, v.verify("t").rejection(), "metadata of another issuer");
        assertEquals(0, calls.get(), "the endpoint it names is never called");
        metadata.set("{\"issuer\":\"" + issuer + "\",\"introspection_endpoint\":\"" + endpoint() + "\"}");
        assertEquals(Rejection.INTROSPECTION_UNAVAILABLE, v.verify("t").rejection(), "not asked again within 30 s");
        time.set(now.plusSeconds(31));
        assertTrue(v.verify("t").isAccepted());
        assertTrue(v.toString().contains(endpoint()) || v.toString().contains("metadata"), v.toString());
    }

    @Test
    void noInputThrowsAndOversizedTokensAreNotSent() {
        IntrospectionVerifier v = verifier().build();
        assertEquals(Rejection.MALFORMED, v.verify(null).rejection());
        assertEquals(Rejection.MALFORMED, v.verify("").rejection());
        assertEquals(Rejection.TOO_LARGE, v.verify("x".repeat(20_000)).rejection());
        assertEquals(0, calls.get());
        assertNull(v.verify("\u0000\n\r").accessToken());
    }

    @Test
    void theBuilderSaysWhatToChange() {
        for (Runnable bad : List.<Runnable>of(
                () -> IntrospectionVerifier.builder().build(),
                () -> IntrospectionVerifier.builder().endpoint("ftp://x").build(),
                () -> IntrospectionVerifier.builder().endpoint(endpoint()).clientSecretBasic("id", ""),
                () -> IntrospectionVerifier.builder().endpoint(endpoint()).cacheTtl(Duration.ofSeconds(-1)),
                () -> IntrospectionVerifier.builder().endpoint(endpoint()).requiredScopes("a b"))) {
            try {
                bad.run();
                throw new AssertionError("accepted");
            } catch (IllegalArgumentException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
    }
}
