package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verified-token cache, observed through {@link JwtVerifier} by the identity of the returned {@link AccessToken}
 * (a cache hit returns the very instance stored by the first verification; a fresh verification builds a new one),
 * and its bound on the cache itself. Keys come from a real HTTP key-set server.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class VerifiedTokenCacheTest {

    private static final KeyPair K1 = TestTokens.rsa(2048);
    private static final KeyPair K2 = TestTokens.rsa(2048);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atNow();
    private final JwksServer server = JwksServer.start(TestTokens.jwks(jwk(K1, "k1")));

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Map<String, Object> jwk(KeyPair kp, String kid) {
        return TestTokens.jwk(kp.getPublic(), kid, "sig", "RS256");
    }

    private JwtVerifier.Builder verifier() {
        return JwtVerifier.builder()
                .jwksUri(server.uri())
                .clock(clock)
                .keySetMinRefreshInterval(MIN_INTERVAL)
                .keySetConnectTimeout(Duration.ofSeconds(1))
                .keySetReadTimeout(Duration.ofSeconds(1));
    }

    /** A unique token (jti) signed by {@code kp} with {@code kid}, issued now by the test clock, valid for an hour. */
    private String token(KeyPair kp, String kid) {
        return token(kp, kid, c -> { });
    }

    private String token(KeyPair kp, String kid, Consumer<Map<String, Object>> edit) {
        Map<String, Object> claims = new LinkedHashMap<>(TestTokens.claims(clock.instant()));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("scope", "read write");
        edit.accept(claims);
        return TestTokens.sign(TestTokens.header("RS256", kid), claims, kp.getPrivate());
    }

    private static AccessToken accepted(Verification v) {
        assertTrue(v.isAccepted(), () -> "expected acceptance, got " + v);
        return v.accessToken();
    }

    private static void assertRejected(Rejection expected, Verification v) {
        assertFalse(v.isAccepted(), () -> "expected " + expected + ", got " + v);
        assertEquals(expected, v.rejection(), () -> "got " + v);
    }

    @Test
    void aRepeatedTokenIsAnsweredFromTheCache() {
        JwtVerifier verifier = verifier().build();
        String token = token(K1, "k1");

        AccessToken first = accepted(verifier.verify(token));
        AccessToken second = accepted(verifier.verify(token));

        assertSame(first, second, "a hit returns the stored AccessToken instead of verifying again");

        String otherToken = token(K1, "k1");
        AccessToken other = accepted(verifier.verify(otherToken));
        assertNotSame(first, other, "a different token is not a hit");
        assertSame(other, accepted(verifier.verify(otherToken)), "and is cached beside the first");
        assertSame(first, accepted(verifier.verify(token)));
    }

    @Test
    void aCachedTokenIsRefusedAsExpiredOnceTheClockPassesItsExp() {
        JwtVerifier verifier = verifier().clockSkew(Duration.ZERO).verifiedTokenCacheTtl(Duration.ofHours(1)).build();
        Instant start = clock.instant();
        String token = token(K1, "k1", c -> c.put("exp", start.getEpochSecond() + 120));
        AccessToken first = accepted(verifier.verify(token));

        clock.set(start.plusSeconds(119));
        assertSame(first, accepted(verifier.verify(token)), "still cached one second before exp");

        clock.set(start.plusSeconds(120));
        assertRejected(Rejection.EXPIRED, verifier.verify(token));
        clock.set(start.plusSeconds(121));
        assertRejected(Rejection.EXPIRED, verifier.verify(token));
    }

    @Test
    void theClockSkewStillAppliesToCachedTokens() {
        JwtVerifier verifier = verifier().clockSkew(Duration.ofSeconds(60)).build();
        Instant start = clock.instant();
        String token = token(K1, "k1", c -> c.put("exp", start.getEpochSecond() + 120));
        AccessToken first = accepted(verifier.verify(token));

        clock.set(start.plusSeconds(179));
        assertSame(first, accepted(verifier.verify(token)), "within exp + skew");
        clock.set(start.plusSeconds(180));
        assertRejected(Rejection.EXPIRED, verifier.verify(token));
    }

    @Test
    void timeRulesAreCheckedOnEveryHit() {
        JwtVerifier verifier = verifier().build();
        Instant start = clock.instant();
        String token = token(K1, "k1");
        AccessToken first = accepted(verifier.verify(token));

        // The clock is set back (NTP correction): the cached token's iat is now beyond the 60 s skew.
        clock.set(start.minusSeconds(120));
        assertRejected(Rejection.NOT_YET_VALID, verifier.verify(token));

        clock.set(start);
        assertSame(first, accepted(verifier.verify(token)), "the entry itself was still there");
    }

    @Test
    void anEntryNeverOutlivesTheConfiguredTtl() {
        JwtVerifier verifier = verifier().verifiedTokenCacheTtl(Duration.ofSeconds(60)).build();
        Instant start = clock.instant();
        String token = token(K1, "k1");
        AccessToken first = accepted(verifier.verify(token));

        clock.set(start.plusSeconds(59));
        assertSame(first, accepted(verifier.verify(token)));

        clock.set(start.plusSeconds(61));
        AccessToken again = accepted(verifier.verify(token));
        assertNotSame(first, again, "past the cache TTL the token is verified afresh");
    }

    /** The cache itself: however many tokens pass, it holds at most its size, and the newest entry stays. */
    @Test
    void theCacheIsBounded() throws RejectionException {
        int size = 20;
        VerifiedTokenCache cache = new VerifiedTokenCache(size, Duration.ofMinutes(5));
        Instant now = clock.instant();
        AccessToken token = new AccessToken("t", "c", List.of(), null, null, null, java.util.Map.of());
        TimeClaims times = TimeClaims.of(java.util.Map.of("exp", now.getEpochSecond() + 600));
        dev.tokenguard.internal.TokenDigest last = null;
        for (int i = 0; i < size + 50; i++) {
            last = dev.tokenguard.internal.TokenDigest.of("token-" + i);
            cache.put(last, token, times, now.plusSeconds(600), now, cache.generation());
            assertTrue(cache.size() <= size, "after " + (i + 1) + " tokens the cache holds " + cache.size());
        }
        assertTrue(cache.size() > 0, "the cache is in use");
        assertSame(token, cache.get(last, now).token(), "the newest entry survived the eviction");
    }

    @Test
    void aKeySetChangeDropsCachedVerifications() {
        JwtVerifier verifier = verifier().build();
        String oldToken = token(K1, "k1");
        AccessToken cached = accepted(verifier.verify(oldToken));
        assertSame(cached, accepted(verifier.verify(oldToken)));

        // k1 is withdrawn; a k2 token makes the verifier refresh and notice
        server.publish(TestTokens.jwks(jwk(K2, "k2")));
        clock.advance(MIN_INTERVAL.plusSeconds(1));
        String newToken = token(K2, "k2");
        accepted(verifier.verify(newToken));
        assertEquals(2, server.requests());

        // cached a moment ago, but its key is gone: the cached verification was dropped
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(oldToken));
        accepted(verifier.verify(newToken));
    }

    @Test
    void aKeySetChangeFoundByTheTtlAlsoDropsCachedVerifications() {
        JwtVerifier verifier = verifier()
                .keySetCacheTtl(Duration.ofMinutes(2))
                .verifiedTokenCacheTtl(Duration.ofMinutes(30))
                .build();
        String oldToken = token(K1, "k1");
        accepted(verifier.verify(oldToken));

        // the same kid now names another key
        server.publish(TestTokens.jwks(jwk(K2, "k1")));
        clock.advance(Duration.ofMinutes(3));
        accepted(verifier.verify(token(K2, "k1"))); // the stale set is refreshed here
        assertEquals(2, server.requests());

        assertRejected(Rejection.BAD_SIGNATURE, verifier.verify(oldToken));
    }

    /** Found on real servers: when every request is a cache hit, the stale key set must still be re-read. */
    @Test
    void aWithdrawnKeyEndsItsCachedVerificationsEvenWhenOnlyCacheHitsArrive() {
        JwtVerifier verifier = verifier()
                .keySetCacheTtl(Duration.ofMinutes(2))
                .verifiedTokenCacheTtl(Duration.ofMinutes(30))
                .build();
        String oldToken = token(K1, "k1");
        accepted(verifier.verify(oldToken));
        accepted(verifier.verify(oldToken)); // from the cache

        server.publish(TestTokens.jwks(jwk(K2, "k2"))); // k1 withdrawn
        clock.advance(Duration.ofMinutes(3));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(oldToken));
        assertEquals(2, server.requests());
    }

    /**
     * A verification that picked its key from the old set just before a refresh withdrew that key must not
     * store its result after the refresh has dropped the cache: otherwise the withdrawn key's token keeps
     * being accepted, from the cache, for up to the cache TTL.
     *
     * <p>The interleaving is forced, not hoped for: the clock parks the verifying thread at its first clock
     * reading inside {@code RemoteKeySet.keyFor} (after it has taken the current key set), the main thread
     * rotates the keys, then the parked thread goes on.
     */
    @Test
    void aVerificationRacingAKeySetChangeLeavesNoWithdrawnKeysTokenInTheCache() throws Exception {
        ParkingClock parking = new ParkingClock(clock);
        JwtVerifier verifier = verifier().clock(parking).build();
        accepted(verifier.verify(token(K1, "k1"))); // loads the set with k1
        String oldToken = token(K1, "k1");

        server.publish(TestTokens.jwks(jwk(K2, "k2")));
        clock.advance(MIN_INTERVAL.plusSeconds(1));

        AtomicReference<Verification> racing = new AtomicReference<>();
        Thread racer = new Thread(() -> racing.set(verifier.verify(oldToken)), "racing-verification");
        parking.parkInKeyLookup(racer);
        racer.start();
        assertTrue(parking.parked.await(5, TimeUnit.SECONDS),
                "the racing verification never read the clock inside RemoteKeySet.keyFor; adapt this test");

        accepted(verifier.verify(token(K2, "k2"))); // refresh: k1 withdrawn, cache dropped
        assertEquals(2, server.requests());
        parking.release.countDown();
        racer.join(5000);
        assertFalse(racer.isAlive());
        assertTrue(racing.get() != null, "the racing verification finished");

        // Strictly after the refresh that withdrew k1: the k1 token must be refused.
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(oldToken));
    }

    /** Delegates to a {@link MutableClock}; parks one chosen thread once, inside {@code RemoteKeySet.keyFor}. */
    private static final class ParkingClock extends Clock {
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final MutableClock delegate;
        private volatile Thread target;

        ParkingClock(MutableClock delegate) {
            this.delegate = delegate;
        }

        void parkInKeyLookup(Thread thread) {
            this.target = thread;
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread() == target && inKeyLookup()) {
                target = null;
                parked.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.instant();
        }

        private static boolean inKeyLookup() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    f -> f.getClassName().equals(RemoteKeySet.class.getName()) && f.getMethodName().equals("keyFor")));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aRefreshThatChangesNothingKeepsCachedVerifications() {
        JwtVerifier verifier = verifier().build();
        String token = token(K1, "k1");
        AccessToken cached = accepted(verifier.verify(token));

        clock.advance(MIN_INTERVAL.plusSeconds(1));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token(K1, "unknown")));
        assertEquals(2, server.requests(), "the unknown kid did refresh the set");

        assertSame(cached, accepted(verifier.verify(token)));
    }

    @Test
    void sizeZeroDisablesTheCache() {
        JwtVerifier verifier = verifier().verifiedTokenCacheSize(0).build();
        String token = token(K1, "k1");
        AccessToken first = accepted(verifier.verify(token));
        AccessToken second = accepted(verifier.verify(token));

        assertNotSame(first, second, "every verification is done afresh");

        // and so a withdrawn key is noticed at once after the refresh, with nothing cached to hide it
        server.publish(TestTokens.jwks(jwk(K2, "k2")));
        clock.advance(MIN_INTERVAL.plusSeconds(1));
        accepted(verifier.verify(token(K2, "k2")));
        assertRejected(Rejection.UNKNOWN_KEY, verifier.verify(token));
    }

    @Test
    void refusedTokensAreNeverCached() {
        JwtVerifier verifier = verifier().issuer("https://issuer.test").requiredScopes("read").build();
        Instant now = clock.instant();
        List<String> refused = new ArrayList<>();
        List<Rejection> why = new ArrayList<>();

        refused.add(token(K2, "k1"));
        why.add(Rejection.BAD_SIGNATURE);
        refused.add(token(K1, "k1", c -> c.put("exp", now.getEpochSecond() - 3600)));
        why.add(Rejection.EXPIRED);
        refused.add(token(K1, "k1", c -> c.put("iss", "https://evil.test")));
        why.add(Rejection.WRONG_ISSUER);
        refused.add(token(K1, "k1", c -> c.put("scope", "write")));
        why.add(Rejection.INSUFFICIENT_SCOPE);
        refused.add(token(K1, "nope"));
        why.add(Rejection.UNKNOWN_KEY);

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < refused.size(); i++) {
                // the second round would be answered "accepted" had a refusal been cached
                assertRejected(why.get(i), verifier.verify(refused.get(i)));
            }
        }

        String good = token(K1, "k1");
        assertSame(accepted(verifier.verify(good)), accepted(verifier.verify(good)), "the cache is on");
    }
}
