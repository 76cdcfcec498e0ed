package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.io.IOException;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JWK Set fetched over HTTP and kept in memory.
 *
 * <ul>
 *   <li>Fetched on first use; cached for the server's {@code Cache-Control: max-age} or the configured TTL.
 *   <li>A stale set is refreshed by the request that notices, while other requests keep using it.
 *   <li>A token with an unknown {@code kid} triggers a refresh; concurrent callers share that one fetch.
 *   <li>At most one fetch per minimum interval, one at a time: a storm of unknown {@code kid}s, or a key
 *       server that is down, cannot turn into a storm of requests.
 *   <li>A failed refresh keeps the last good set.
 * </ul>
 *
 * The fetch runs on the calling thread; no thread pool is created.
 */
final class RemoteKeySet implements KeySource {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");
    /** Whatever a server says, a key set is re-read at least daily. */
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private record Snapshot(List<VerificationKey> keys, Instant staleAt) {
    }

    private final JwksFetcher fetcher;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration minRefreshInterval;
    private final Runnable onKeysChanged;
    private final AtomicInteger fetches = new AtomicInteger();

    private volatile Snapshot current;
    private volatile String lastFailure = "not fetched yet";
    private final Object lock = new Object();
    private CompletableFuture<Snapshot> inFlight;
    private Instant lastAttempt;

    RemoteKeySet(JwksFetcher fetcher, Clock clock, Duration defaultTtl, Duration minRefreshInterval,
                 Runnable onKeysChanged) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.minRefreshInterval = minRefreshInterval;
        this.onKeysChanged = onKeysChanged;
    }

    @Override
    public VerificationKey keyFor(JoseHeader header) throws Refusal {
        Snapshot s = current;
        if (s == null) {
            s = refresh(true);
            if (s == null) {
                throw new Refusal(Rejection.KEYS_UNAVAILABLE, "key set " + fetcher.uri() + ": " + lastFailure);
            }
        } else if (!clock.instant().isBefore(s.staleAt())) {
            s = refresh(false);
        }
        try {
            return KeySelector.select(s.keys(), header);
        } catch (Refusal unknown) {
            Snapshot fresh = refresh(true);
            if (fresh == null || fresh == s) {
                throw unknown;
            }
            return KeySelector.select(fresh.keys(), header);
        }
    }

    @Override
    public void refreshIfStale() {
        Snapshot s = current;
        if (s != null && !clock.instant().isBefore(s.staleAt())) {
            refresh(false);
        }
    }

    @Override
    public String describe() {
        return "key set " + fetcher.uri();
    }

    /** How many fetches were started; for tests and diagnostics. */
    int fetchCount() {
        return fetches.get();
    }

    /**
     * Refreshes unless one is running (then waits for it when {@code wait}) or the last attempt was too
     * recent (then returns what is there). Returns the current snapshot afterwards, possibly null.
     */
    private Snapshot refresh(boolean wait) {
        CompletableFuture<Snapshot> shared;
        synchronized (lock) {
            Instant now = clock.instant();
            if (inFlight != null) {
                shared = inFlight;
            } else if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
                return current;
            } else {
                lastAttempt = now;
                inFlight = new CompletableFuture<>();
                shared = null;
            }
        }
        if (shared == null) {
            return fetchNow();
        }
        if (!wait) {
            return current;
        }
        try {
            return shared.get(fetcherBudgetMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current;
        } catch (Exception e) {
            return current;
        }
    }

    private Snapshot fetchNow() {
        Snapshot result = current;
        fetches.incrementAndGet();
        try {
            JwksFetcher.Document doc = fetcher.fetch();
            Map<String, Object> json;
            try {
                json = JsonObjects.parse(doc.body(), "key set");
            } catch (Refusal notJson) {
                throw new IOException("key set is not a JSON object");
            }
            KeyMaterial.KeySet set;
            try {
                set = KeyMaterial.parseKeySet(json);
            } catch (IllegalArgumentException unusable) {
                throw new IOException(unusable.getMessage());
            }
            for (String skipped : set.skipped()) {
                LOG.fine(() -> "TokenGuard: key set " + fetcher.uri() + " skipped " + skipped);
            }
            Snapshot fresh = new Snapshot(set.keys(), clock.instant().plus(ttl(doc.maxAge())));
            Snapshot previous = current;
            current = fresh;
            result = fresh;
            lastFailure = "";
            if (previous != null && !sameKeys(previous.keys(), fresh.keys())) {
                LOG.info(() -> "TokenGuard: key set " + fetcher.uri() + " changed; now " + fresh.keys().size()
                        + " key(s)");
                onKeysChanged.run();
            }
        } catch (IOException | RuntimeException e) {
            lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.log(Level.WARNING, "TokenGuard: could not refresh key set {0}: {1}{2}", new Object[] {
                fetcher.uri(), lastFailure, current == null ? "" : " (keeping the last good key set)"});
        } finally {
            CompletableFuture<Snapshot> done;
            synchronized (lock) {
                done = inFlight;
                inFlight = null;
            }
            done.complete(result);
        }
        return result;
    }

    private Duration ttl(Duration serverMaxAge) {
        Duration ttl = serverMaxAge == null ? defaultTtl : serverMaxAge;
        if (ttl.compareTo(minRefreshInterval) < 0) {
            ttl = minRefreshInterval;
        }
        return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }

    private long fetcherBudgetMillis() {
        return fetcher.budget().toMillis() + 1000;
    }

    private static boolean sameKeys(List<VerificationKey> a, List<VerificationKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            VerificationKey x = a.get(i);
            VerificationKey y = b.get(i);
            if (!java.util.Objects.equals(x.keyId(), y.keyId()) || !sameKey(x.key(), y.key())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameKey(Key x, Key y) {
        return Arrays.equals(x.getEncoded(), y.getEncoded());
    }
}
