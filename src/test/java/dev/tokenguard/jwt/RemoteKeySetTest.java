package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.testing.LogCapture;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key sets fetched over HTTP from a real server on 127.0.0.1: rotation, refresh on unknown {@code kid},
 * the minimum refresh interval, failures that keep the last good set, timeouts, a server that is down,
 * {@code Cache-Control}, and entries that must be skipped.
 *
 * <p>Most tests use a {@link MutableClock}: the key set's own timing (TTL, minimum interval) follows the
 * verifier's clock, so time is moved by hand instead of waited for. The verified-token cache is off here
 * (it has its own test), so every verification really goes to the key set.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RemoteKeySetTest {

    private static final KeyPair K1 = TestTokens.rsa(2048);
    private static final KeyPair K2 = TestTokens.rsa(2048);
    private static final KeyPair K3 = TestTokens.rsa(2048);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    private static final Duration PAST_MIN_INTERVAL = MIN_INTERVAL.plusSeconds(1);

    private final List<JwksServer> servers = new ArrayList<>();
    private final MutableClock clock = MutableClock.atNow();

    @AfterEach
    void stopServers() {
        servers.forEach(JwksServer::close);
    }

    // ---------------------------------------------------------------- helpers

    private JwksServer server(String jwks) {
        JwksServer s = JwksServer.start(jwks);
        servers.add(s);
        return s;
    }

    private JwtVerifier.Builder verifierFor(JwksServer server) {
        return JwtVerifier.builder()
                .jwksUri(server.uri())
                .clock(clock)
                .keySetMinRefreshInterval(MIN_INTERVAL)
                .keySetConnectTimeout(Duration.ofSeconds(1))
                .keySetReadTimeout(Duration.ofSeconds(1))
                .verifiedTokenCacheSize(0);
    }

    private static Map<String, Object> rsaJwk(KeyPair kp, String kid) {
        return TestTokens.jwk(kp.getPublic(), kid, "sig", "RS256");
    }

    /** An RS256 token valid for an hour from the test clock's now; unique (jti), so never a cache hit. */
    private String token(KeyPair kp, String kid) {
        return token(kp, "RS256", kid);
    }

    private String token(KeyPair kp, String alg, String kid) {
        Map<String, Object> header = kid == null ? TestTokens.header(alg) : TestTokens.header(alg, kid);
        Map<String, Object> claims = new LinkedHashMap<>(TestTokens.claims(clock.instant()));
        claims.put("jti", UUID.randomUUID().toString());
        return TestTokens.sign(header, claims, kp.getPrivate());
    }

    private static void assertAccepted(Verification v) {
        assertTrue(v.isAccepted(), () -> "expected acceptance, got " + v);
        assertEquals("alice", v.accessToken().subject());
    }

    private static void assertRejected(Rejection expected, Verification v) {
        assertFalse(v.isAccepted(), () -> "expected " + expected + ", got " + v);
        assertEquals(expected, v.rejection(), () -> "got " + v);
    }

    // ---------------------------------------------------------------- published keys and rotation

    @Test
    void tokenSignedByAPublishedKeyIsAcceptedAndAForgedOneIsNot() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).build();

        assertAccepted(verifier.verify(token(K1, "k1")));
        // same kid, signed by a key the server never published
        assertRejected(Rejection.BAD_SIGNATURE, verifier.verify(token(K2, "k1")));
        assertAccepted(verifier.verify(token(K1, "k1")));

        assertEquals(1, server.requests(), "one fetch serves every token while the set is fresh");
    }

    @Test
    void rotationToANewKidTriggersExactlyOneRefreshAndTheNewKeyIsAccepted() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).build();
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests());

        server.publish(TestTokens.jwks(rsaJwk(K1, "k1"), rsaJwk(K2, "k2")));
        clock.advance(PAST_MIN_INTERVAL);

        assertAccepted(verifier.verify(token(K2, "k2")));
        assertEquals(2, server.requests(), "the unknown kid caused one refresh");
        assertAccepted(verifier.verify(token(K2, "k2")));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests(), "known kids cause no further fetches");
    }

    @Test
    void aWithdrawnKeyIsRefusedAfterTheRefreshThatRemovedIt() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1"), rsaJwk(K2, "k2")));
        JwtVerifier verifier = verifierFor(server).build();
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertAccepted(verifier.verify(token(K2, "k2")));

        // k1 withdrawn, k3 added; a k3 token makes the verifier notice
        server.publish(TestTokens.jwks(rsaJwk(K2, "k2"), rsaJwk(K3, "k3")));
        clock.advance(PAST_MIN_INTERVAL);
        assertAccepted(verifier.verify(token(K3, "k3")));
        assertEquals(2, server.requests());

        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "k1")));
        assertAccepted(verifier.verify(token(K2, "k2")));
        assertEquals(2, server.requests(), "the refused k1 token could not refresh again within the interval");
    }

    @Test
    void aKidReusedForANewKeyRefusesTokensOfTheOldKeyOnceTheSetIsRefreshed() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(2)).build();
        assertAccepted(verifier.verify(token(K1, "k1")));

        server.publish(TestTokens.jwks(rsaJwk(K3, "k1")));
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertRejected(Rejection.BAD_SIGNATURE, verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests(), "the stale set was re-read");
        assertAccepted(verifier.verify(token(K3, "k1")));
    }

    // ---------------------------------------------------------------- refresh rate limit

    @Test
    void aStormOfUnknownKidsCausesExactlyOneFetch() throws Exception {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).build();
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests());
        clock.advance(PAST_MIN_INTERVAL); // a refresh is allowed again, but only one
        server.slow(200); // keep the one fetch in flight while the others arrive

        int threads = 100;
        int perThread = 3;
        List<List<String>> tokens = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                // signed with the published key: only the kid is wrong
                mine.add(token(K1, "unknown-" + UUID.randomUUID()));
            }
            tokens.add(mine);
        }
        ConcurrentLinkedQueue<Verification> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        runConcurrently(threads, t -> {
            for (String token : tokens.get(t)) {
                results.add(verifier.verify(token));
            }
        }, thrown);

        assertTrue(thrown.isEmpty(), () -> "verify threw: " + thrown);
        assertEquals(threads * perThread, results.size());
        for (Verification v : results) {
            assertRejected(Rejection.UNKNOWN_KEY, v);
        }
        assertEquals(2, server.requests(), "one fetch beyond the initial one, shared by all");
        assertEquals(1, server.maxConcurrentRequests(), "one fetch at a time");
    }

    /** A key server that is down must not cost a thread (or a connection attempt) per request. */
    @Test
    void aKeyServerThatIsDownCausesNoPileUpOfThreads() throws Exception {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.stop();
        CountingDocuments documents = documentsOf(server);
        RemoteKeySet keys = keySet(documents);
        assertKeysUnavailable(keys, "k1"); // the HTTP client exists now
        int threadsBefore = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();

        ConcurrentLinkedQueue<Rejection> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        runConcurrently(100, t -> {
            for (int i = 0; i < 10; i++) {
                try {
                    keys.keyFor(new JoseHeader(Algorithm.RS256, "k1"));
                    results.add(null);
                } catch (RejectionException e) {
                    results.add(e.rejection());
                }
            }
        }, thrown);
        Thread.sleep(200); // let the 100 callers' threads finish exiting

        assertTrue(thrown.isEmpty(), () -> "keyFor threw: " + thrown);
        assertEquals(1000, results.size());
        results.forEach(r -> assertEquals(Rejection.KEYS_UNAVAILABLE, r));
        assertEquals(1, documents.attempts(), "one attempt within the interval, not one per request");
        int threadsAfter = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        assertTrue(threadsAfter <= threadsBefore + 2, "threads before " + threadsBefore + ", after " + threadsAfter);
    }

    @Test
    void concurrentRequestsForANewlyRotatedKidShareOneFetchAndAreAllAccepted() throws Exception {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).build();
        assertAccepted(verifier.verify(token(K1, "k1")));
        server.publish(TestTokens.jwks(rsaJwk(K1, "k1"), rsaJwk(K2, "k2")));
        clock.advance(PAST_MIN_INTERVAL);
        server.slow(300); // callers that arrive while the fetch runs must wait for it, not give up

        int threads = 50;
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tokens.add(token(K2, "k2"));
        }
        ConcurrentLinkedQueue<Verification> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        runConcurrently(threads, t -> results.add(verifier.verify(tokens.get(t))), thrown);

        assertTrue(thrown.isEmpty(), () -> "verify threw: " + thrown);
        assertEquals(threads, results.size());
        results.forEach(RemoteKeySetTest::assertAccepted);
        assertEquals(2, server.requests());
    }

    @Test
    void atMostOneFetchPerMinimumInterval() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).build();
        Instant start = clock.instant();
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests());

        for (long second : new long[] {0, 10, 29}) {
            clock.set(start.plusSeconds(second));
            assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "nope-" + second)));
        }
        clock.set(start.plus(MIN_INTERVAL).minusMillis(1));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "nope-almost")));
        assertEquals(1, server.requests(), "no refresh before the minimum interval has passed");

        clock.set(start.plus(MIN_INTERVAL));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "nope-30")));
        assertEquals(2, server.requests(), "exactly one refresh once the interval has passed");
        for (long second : new long[] {30, 45, 59}) {
            clock.set(start.plusSeconds(second));
            assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "again-" + second)));
        }
        assertEquals(2, server.requests());

        clock.set(start.plus(MIN_INTERVAL.multipliedBy(2)));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "nope-60")));
        assertEquals(3, server.requests());
    }

    // ---------------------------------------------------------------- failures keep the last good set

    @ParameterizedTest
    @EnumSource(value = JwksServer.Mode.class,
            names = {"HTTP_500", "GARBAGE", "OVERSIZED", "OVERSIZED_CHUNKED", "WRONG_CONTENT_TYPE", "SLOW"})
    void aFailedRefreshKeepsTheLastGoodKeysAndDoesNotThrow(JwksServer.Mode failure) {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.oversizedBytes(64 * 1024);
        JwtVerifier verifier = verifierFor(server)
                .keySetMaxBytes(16 * 1024)
                .keySetReadTimeout(Duration.ofMillis(500))
                .keySetCacheTtl(Duration.ofMinutes(2))
                .build();
        assertAccepted(verifier.verify(token(K1, "k1")));

        // The server now offers a rotated set (k1 withdrawn, k2 new), but in a form that must be refused:
        // had it been used, k2 would verify and k1 would not.
        server.publish(TestTokens.jwks(rsaJwk(K2, "k2")));
        if (failure == JwksServer.Mode.SLOW) {
            server.slow(3000);
        } else {
            server.mode(failure);
        }

        clock.advance(PAST_MIN_INTERVAL);
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K2, "k2")));
        assertEquals(2, server.requests(), "the unknown kid did try a refresh");
        assertAccepted(verifier.verify(token(K1, "k1")));

        // Past the TTL the set is stale: the refresh it causes fails too, and k1 still works.
        clock.advance(Duration.ofMinutes(2));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(3, server.requests(), "the stale set was refreshed (and the refresh failed)");
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K2, "k2")));
        assertEquals(3, server.requests());

        // The server recovers: the rotated set is taken at the next allowed refresh.
        server.mode(JwksServer.Mode.NORMAL);
        clock.advance(PAST_MIN_INTERVAL);
        assertAccepted(verifier.verify(token(K2, "k2")));
        assertEquals(4, server.requests());
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "k1")));
    }

    // ---------------------------------------------------------------- revocation: a successful fetch is the issuer's word

    static List<String> setsWithoutAUsableKey() {
        Map<String, Object> enc = new LinkedHashMap<>(rsaJwk(K1, "k1"));
        enc.put("use", "enc");
        Map<String, Object> weak = TestTokens.jwk(TestTokens.rsa(1024).getPublic(), "k1", "sig", "RS256");
        Map<String, Object> malformed = new LinkedHashMap<>(rsaJwk(K1, "k1"));
        malformed.remove("n");
        Map<String, Object> noVerify = new LinkedHashMap<>(rsaJwk(K1, "k1"));
        noVerify.put("key_ops", List.of("sign"));
        return List.of("{\"keys\":[]}", TestTokens.jwks(enc), TestTokens.jwks(weak), TestTokens.jwks(malformed),
                TestTokens.jwks(noVerify));
    }

    /** Measured before the fix: tokens of a withdrawn key were accepted long after the issuer published this. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("setsWithoutAUsableKey")
    void aSetWithNoUsableKeyReplacesTheOldOneAndEndsItsCachedVerifications(String withdrawn) {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(2))
                .verifiedTokenCacheSize(100).verifiedTokenCacheTtl(Duration.ofHours(1)).build();
        String cachedToken = token(K1, "k1");
        Verification first = verifier.verify(cachedToken);
        assertAccepted(first);
        assertSame(first.accessToken(), verifier.verify(cachedToken).accessToken(), "answered from the cache");

        server.publish(withdrawn);
        clock.advance(Duration.ofMinutes(3));
        List<String> warnings = LogCapture.warnings(() -> assertRejected(Rejection.UNKNOWN_KEY,
                verifier.verify(cachedToken)));
        assertEquals(2, server.requests(), "the refusal of the cached token was the new set's, not the cache's");
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "k1")));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("has no usable signature key")), warnings::toString);

        // The issuer publishes a key again: it is taken at the next refresh.
        server.publish(TestTokens.jwks(rsaJwk(K2, "k2")));
        clock.advance(PAST_MIN_INTERVAL);
        assertAccepted(verifier.verify(token(K2, "k2")));
    }

    @Test
    void theLastGoodSetOutlivesAnOutageOnlyForTheToleranceThenTokensAreRefused() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(10))
                .keySetOutageTolerance(Duration.ofMinutes(30))
                .verifiedTokenCacheSize(100).verifiedTokenCacheTtl(Duration.ofHours(2)).build();
        String cachedToken = token(K1, "k1");
        assertAccepted(verifier.verify(cachedToken));

        server.mode(JwksServer.Mode.HTTP_500);
        clock.advance(Duration.ofMinutes(10).plus(Duration.ofMinutes(29))); // stale, within the tolerance
        assertAccepted(verifier.verify(cachedToken));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests(), "the refresh was tried and failed");

        clock.advance(Duration.ofMinutes(2)); // 41 min after the fetch: 31 min past expiry
        List<String> warnings = LogCapture.warnings(() -> assertRejected(Rejection.KEYS_UNAVAILABLE,
                verifier.verify(cachedToken)));
        // (a cache hit would have answered "accepted": the cached verification ended with the set)
        assertRejected(Rejection.KEYS_UNAVAILABLE, verifier.verify(token(K1, "k1")));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("refusing tokens until a fetch succeeds")),
                warnings::toString);

        server.mode(JwksServer.Mode.NORMAL);
        clock.advance(PAST_MIN_INTERVAL);
        assertAccepted(verifier.verify(token(K1, "k1")));
    }

    static List<Map<String, Object>> changedMetadata() {
        Map<String, Object> alg = new LinkedHashMap<>(rsaJwk(K1, "k1"));
        alg.put("alg", "PS256");
        Map<String, Object> ops = new LinkedHashMap<>(rsaJwk(K1, "k1"));
        ops.put("key_ops", List.of("verify"));
        Map<String, Object> noUse = new LinkedHashMap<>(rsaJwk(K1, "k1"));
        noUse.remove("use");
        Map<String, Object> kid = new LinkedHashMap<>(rsaJwk(K1, "k1-renamed"));
        return List.of(alg, ops, noUse, kid);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("changedMetadata")
    void aChangeOfAnyMemberOfAKeyEndsTheCachedVerifications(Map<String, Object> changed) {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(2))
                .verifiedTokenCacheSize(100).verifiedTokenCacheTtl(Duration.ofHours(1)).build();
        String a = token(K1, "k1");
        Verification first = verifier.verify(a);
        assertAccepted(first);
        assertSame(first.accessToken(), verifier.verify(a).accessToken(), "answered from the cache");

        server.publish(TestTokens.jwks(changed));
        clock.advance(Duration.ofMinutes(3));
        Verification again = verifier.verify(a);
        assertEquals(2, server.requests());
        // The old entry is gone: a is refused by the changed key, or verified afresh (a new AccessToken).
        if (again.isAccepted()) {
            assertNotSame(first.accessToken(), again.accessToken(), "verified again, not answered from the cache");
        }
    }

    @Test
    void aKeyServerThatGoesDownKeepsTheLastGoodKeysAndRecovers() throws Exception {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        CountingDocuments documents = documentsOf(server);
        RemoteKeySet keys = keySet(documents);
        keys.keyFor(new JoseHeader(Algorithm.RS256, "k1"));

        server.stop();
        clock.advance(Duration.ofMinutes(11)); // stale (the TTL is 10 minutes): the next use tries to refresh
        keys.keyFor(new JoseHeader(Algorithm.RS256, "k1"));
        assertEquals(2, documents.attempts(), "a refresh was attempted against the dead server");
        assertRefused(Rejection.UNKNOWN_KEY, keys, "k2");
        assertEquals(2, documents.attempts(), "and not repeated within the minimum interval");

        server.publish(TestTokens.jwks(rsaJwk(K2, "k2")));
        server.restart();
        clock.advance(PAST_MIN_INTERVAL);
        keys.keyFor(new JoseHeader(Algorithm.RS256, "k2"));
        assertRefused(Rejection.UNKNOWN_KEY, keys, "k1");
        assertEquals(2, server.requests(), "the first fetch, and the one after recovery");
    }

    @Test
    void aSlowKeyServerCannotHangVerification() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.slow(3000);
        // A long connect timeout: only the read timeout can cut this short (connecting to 127.0.0.1 is instant).
        JwtVerifier verifier = verifierFor(server)
                .keySetConnectTimeout(Duration.ofSeconds(5))
                .keySetReadTimeout(Duration.ofMillis(300))
                .build();

        long started = System.nanoTime();
        Verification first = verifier.verify(token(K1, "k1"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertRejected(Rejection.KEYS_UNAVAILABLE, first);
        assertTrue(elapsedMillis < 2500, "verify took " + elapsedMillis + " ms against a server that waits 3 s");

        // within the interval, no new attempt: refused at once
        started = System.nanoTime();
        assertRejected(Rejection.KEYS_UNAVAILABLE, verifier.verify(token(K1, "k1")));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 1000);
        assertEquals(1, server.requests());

        // a prompt server is used at the next allowed attempt
        server.mode(JwksServer.Mode.NORMAL);
        clock.advance(PAST_MIN_INTERVAL);
        assertAccepted(verifier.verify(token(K1, "k1")));
    }

    /** The read timeout is documented as the time allowed for the whole response once connected. */
    @Test
    void aKeyServerThatTricklesItsBodyIsCutOffByTheReadTimeout() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.slowBody(3000);
        JwtVerifier verifier = verifierFor(server)
                .keySetConnectTimeout(Duration.ofSeconds(5))
                .keySetReadTimeout(Duration.ofMillis(300))
                .build();

        long started = System.nanoTime();
        Verification first = verifier.verify(token(K1, "k1"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(elapsedMillis < 2500, "verify took " + elapsedMillis + " ms with a 300 ms read timeout"
                + " against a server that sends its body after 3 s (" + first + ")");
        assertRejected(Rejection.KEYS_UNAVAILABLE, first);
    }

    @Test
    void keyServerDownAtStartupRefusesQuicklyWithOneAttemptPerIntervalThenRecovers() throws Exception {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.stop();
        CountingDocuments documents = documentsOf(server);
        RemoteKeySet keys = keySet(documents);
        Instant start = clock.instant();

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertKeysUnavailable(keys, "k1");
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMillis < 2500, "20 refusals took " + elapsedMillis + " ms");
        assertEquals(1, documents.attempts(), "one connection attempt for all calls in the interval");

        clock.advance(Duration.ofSeconds(20));
        server.restart();
        assertKeysUnavailable(keys, "k1");
        assertEquals(0, server.requests(), "still within the interval: the server is not asked yet");
        assertEquals(1, documents.attempts());

        clock.set(start.plus(MIN_INTERVAL));
        keys.keyFor(new JoseHeader(Algorithm.RS256, "k1"));
        assertEquals(1, server.requests());
        assertEquals(2, documents.attempts());
        keys.keyFor(new JoseHeader(Algorithm.RS256, "k1"));
        assertEquals(1, server.requests());
    }

    /** The real fetcher of {@code server}, counting attempts: all that can be seen of a server that is down. */
    private static final class CountingDocuments implements KeySetDocuments {
        private final KeySetDocuments real;
        private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        CountingDocuments(KeySetDocuments real) {
            this.real = real;
        }

        int attempts() {
            return attempts.get();
        }

        @Override
        public JwksFetcher.Document fetch() throws java.io.IOException {
            attempts.incrementAndGet();
            return real.fetch();
        }

        @Override
        public java.net.URI uri() {
            return real.uri();
        }

        @Override
        public Duration budget() {
            return real.budget();
        }
    }

    private static CountingDocuments documentsOf(JwksServer server) {
        return new CountingDocuments(new JwksFetcher(java.net.URI.create(server.uri()), Duration.ofSeconds(1),
                Duration.ofSeconds(1), JwtVerifier.DEFAULT_KEY_SET_MAX_BYTES));
    }

    /** A key set as JwtVerifier builds one, on the test clock, with a 10-minute TTL. */
    private RemoteKeySet keySet(KeySetDocuments documents) {
        return new RemoteKeySet(documents, clock, Duration.ofMinutes(10), MIN_INTERVAL,
                JwtVerifier.DEFAULT_KEY_SET_OUTAGE_TOLERANCE, () -> { });
    }

    private static void assertRefused(Rejection expected, RemoteKeySet keys, String kid) {
        try {
            keys.keyFor(new JoseHeader(Algorithm.RS256, kid));
            fail("a key for kid " + kid);
        } catch (RejectionException e) {
            assertEquals(expected, e.rejection(), e::getMessage);
        }
    }

    private static void assertKeysUnavailable(RemoteKeySet keys, String kid) {
        assertRefused(Rejection.KEYS_UNAVAILABLE, keys, kid);
    }

    // ---------------------------------------------------------------- how long a set is used

    @Test
    void cacheControlMaxAgeShorterThanTheTtlIsHonoured() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.cacheControl("public, max-age=120");
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(10)).build();
        Instant start = clock.instant();
        assertAccepted(verifier.verify(token(K1, "k1")));

        clock.set(start.plusSeconds(119));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests(), "within max-age: no refetch for a known kid");

        clock.set(start.plusSeconds(120));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests(), "max-age reached: one refetch");
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests());
    }

    @Test
    void cacheControlMaxAgeLongerThanTheTtlIsHonoured() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.cacheControl("max-age=3600");
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(1)).build();
        Instant start = clock.instant();
        assertAccepted(verifier.verify(token(K1, "k1")));

        clock.set(start.plus(Duration.ofMinutes(30)));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests(), "the server's max-age, not the 1-minute default, applies");

        clock.set(start.plusSeconds(3600));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests());
    }

    @Test
    void withoutCacheControlTheConfiguredTtlApplies() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        JwtVerifier verifier = verifierFor(server).keySetCacheTtl(Duration.ofMinutes(2)).build();
        Instant start = clock.instant();
        assertAccepted(verifier.verify(token(K1, "k1")));

        clock.set(start.plusSeconds(119));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests());

        clock.set(start.plusSeconds(120));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests());
    }

    @Test
    void cacheControlNoCacheStillRespectsTheMinimumInterval() {
        JwksServer server = server(TestTokens.jwks(rsaJwk(K1, "k1")));
        server.cacheControl("no-cache");
        JwtVerifier verifier = verifierFor(server).build();
        Instant start = clock.instant();
        assertAccepted(verifier.verify(token(K1, "k1")));

        clock.set(start.plus(MIN_INTERVAL).minusMillis(1));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(1, server.requests(), "no-cache does not mean a fetch per request");

        clock.set(start.plus(MIN_INTERVAL));
        assertAccepted(verifier.verify(token(K1, "k1")));
        assertEquals(2, server.requests());
    }

    // ---------------------------------------------------------------- entries that must be skipped

    @Test
    void unusableEntriesAreSkippedWhileAGoodEntryInTheSameDocumentWorks() {
        KeyPair ec = TestTokens.ec("P-256");
        Map<String, Object> malformed = new LinkedHashMap<>(rsaJwk(K2, "malformed"));
        malformed.put("n", "!!not base64url!!");
        Map<String, Object> missingModulus = new LinkedHashMap<>(rsaJwk(K2, "no-n"));
        missingModulus.remove("n");
        Map<String, Object> unknownKty = new LinkedHashMap<>(rsaJwk(K2, "weird"));
        unknownKty.put("kty", "XYZ");
        Map<String, Object> ecKey = TestTokens.jwk(ec.getPublic(), "ec", "sig", null);
        Map<String, Object> encryption = TestTokens.jwk(K3.getPublic(), "enc", "enc", null);
        Map<String, Object> otherAlg = TestTokens.jwk(K2.getPublic(), "rs512", "sig", "RS512");
        Map<String, Object> good = rsaJwk(K1, "good");
        String document = TestTokens.jwks(malformed, missingModulus, unknownKty, ecKey, encryption, otherAlg, good);

        JwksServer server = server(document);
        JwtVerifier verifier = verifierFor(server).build();

        assertAccepted(verifier.verify(token(K1, "good")));
        // Without a kid a token works only when exactly one usable key fits: every other entry was skipped.
        assertAccepted(verifier.verify(token(K1, null)));
        // Each skipped entry would verify its own token if it were (wrongly) used.
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K3, "enc")));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K2, "rs512")));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K2, "malformed")));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K2, "no-n")));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K2, "weird")));
        // an RS256 token naming the EC key's kid: the EC key does not fit RS256
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "ec")));
        assertEquals(1, server.requests());

        // The EC entry is skipped only for algorithms it does not fit; the RS512 entry only for other algs.
        JwtVerifier both = verifierFor(server).algorithm("RS256", "RS512", "ES256").build();
        assertAccepted(both.verify(token(ec, "ES256", "ec")));
        assertAccepted(both.verify(token(K2, "RS512", "rs512")));
        assertAccepted(both.verify(token(K1, "good")));
        assertRejected(Rejection.UNKNOWN_KEY, both.verify(token(K2, "RS256", "rs512")));
    }

    /**
     * RFC 7517 §4.5 allows keys of different {@code kty} to share a {@code kid}; DESIGN.md says entries of a
     * {@code kty} that does not fit the token's algorithm are skipped, after which the kid is unambiguous.
     */
    @Test
    void aKidSharedByKeysOfDifferentTypesStillSelectsTheKeyThatFitsTheAlgorithm() {
        KeyPair ec = TestTokens.ec("P-256");
        JwksServer server = server(TestTokens.jwks(
                TestTokens.jwk(ec.getPublic(), "2024", "sig", "ES256"), rsaJwk(K1, "2024")));
        JwtVerifier verifier = verifierFor(server).algorithm("RS256", "ES256").build();

        Verification rsa = verifier.verify(token(K1, "RS256", "2024"));
        Verification ecdsa = verifier.verify(token(ec, "ES256", "2024"));

        assertNull(rsa.rejection(), () -> "RS256 token: " + rsa);
        assertNull(ecdsa.rejection(), () -> "ES256 token: " + ecdsa);
    }

    // ---------------------------------------------------------------- concurrency helper

    private interface Work {
        void run(int thread) throws Exception;
    }

    /** Starts {@code threads} threads at once behind a start gate and waits for all of them. */
    private static void runConcurrently(int threads, Work work, ConcurrentLinkedQueue<Throwable> thrown)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    ready.countDown();
                    gate.await();
                    work.run(id);
                } catch (Throwable e) {
                    thrown.add(e);
                } finally {
                    done.countDown();
                }
            }, "verifier-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        assertTrue(ready.await(10, TimeUnit.SECONDS), "threads did not start");
        gate.countDown();
        if (!done.await(15, TimeUnit.SECONDS)) {
            fail("verifications did not finish within 15 s");
        }
    }
}
