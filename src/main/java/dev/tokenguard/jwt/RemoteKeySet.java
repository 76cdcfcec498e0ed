package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 *   <li>A successful fetch is the issuer's word and replaces the set, even when it has no usable key: that is
 *       how an issuer withdraws a key. Any change of a key or of its metadata ends the cached verifications.
 *   <li>A failed refresh (transport, HTTP status, a document that is not a key set) keeps the last good set, but
 *       only for the outage tolerance past its expiry (as Nimbus's outage-tolerant JWK source bounds it);
 *       after that tokens are refused as {@code keys_unavailable} until a fetch succeeds.
 * </ul>
 *
 * The fetch is started by the calling thread, which waits for it (the JDK's HttpClient runs the exchange on its
 * own threads); no thread pool of ours is created.
 */
final class RemoteKeySet implements KeySource {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");
    /** Whatever a server says, a key set is re-read at least daily. */
    private static final Duration MAX_TTL = Duration.ofDays(1);

    /** A fetched set: fresh until {@code staleAt}; served while refreshes fail until {@code usableUntil}. */
    private record Snapshot(List<VerificationKey> keys, Instant staleAt, Instant usableUntil) {
    }

    private final KeySetDocuments fetcher;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration minRefreshInterval;
    private final Duration outageTolerance;
    private final Runnable onKeysChanged;

    private final int minRsaBits;
    private volatile Snapshot current;
    private volatile String lastFailure = "not fetched yet";
    private final Object lock = new Object();
    private CompletableFuture<Snapshot> inFlight;
    private Instant lastAttempt;

    RemoteKeySet(KeySetDocuments fetcher, Clock clock, Duration defaultTtl, Duration minRefreshInterval,
                 Duration outageTolerance, Runnable onKeysChanged) {
        this(fetcher, clock, defaultTtl, minRefreshInterval, outageTolerance, onKeysChanged, Algorithm.MIN_RSA_BITS);
    }

    RemoteKeySet(KeySetDocuments fetcher, Clock clock, Duration defaultTtl, Duration minRefreshInterval,
                 Duration outageTolerance, Runnable onKeysChanged, int minRsaBits) {
        this.minRsaBits = minRsaBits;
        this.fetcher = fetcher;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.minRefreshInterval = minRefreshInterval;
        this.outageTolerance = outageTolerance;
        this.onKeysChanged = onKeysChanged;
    }

    @Override
    public VerificationKey keyFor(JoseHeader header) throws RejectionException {
        Snapshot s = upToDate();
        try {
            return KeySelector.select(s.keys(), header);
        } catch (RejectionException unknown) {
            Snapshot fresh = refresh(true);
            if (fresh == null || fresh == s) {
                throw unknown;
            }
            return KeySelector.select(fresh.keys(), header);
        }
    }

    /**
     * The set to use now: refreshed first when stale (waiting for the fetch only when there is nothing usable
     * meanwhile). A set past its outage tolerance is dropped, with the verifications it made.
     */
    private Snapshot upToDate() throws RejectionException {
        Snapshot s = current;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.staleAt())) {
            s = refresh(s == null || !now.isBefore(s.usableUntil()));
        }
        if (s != null && !clock.instant().isBefore(s.usableUntil())) {
            drop(s);
            s = null;
        }
        if (s == null) {
            throw new RejectionException(Rejection.KEYS_UNAVAILABLE, "key set " + fetcher.uri() + ": " + lastFailure);
        }
        return s;
    }

    private void drop(Snapshot expired) {
        synchronized (lock) {
            if (current != expired) {
                return;
            }
            current = null;
        }
        LOG.log(Level.WARNING, "TokenGuard: key set {0} could not be refreshed for {1} s past its expiry ({2});"
                + " refusing tokens until a fetch succeeds", new Object[] {fetcher.uri(),
                outageTolerance.toSeconds(), lastFailure});
        onKeysChanged.run();
    }

    @Override
    public void refreshIfStale() {
        Snapshot s = current;
        if (s != null && !clock.instant().isBefore(s.staleAt())) {
            try {
                upToDate();
            } catch (RejectionException unavailable) {
                // The cache has been emptied; the verification that follows refuses the token with the reason.
            }
        }
    }

    @Override
    public String describe() {
        return "key set " + fetcher.uri();
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
        try {
            JwksFetcher.Document doc = fetcher.fetch();
            KeyMaterial.KeySet set = parse(doc.body(), minRsaBits);
            Instant now = clock.instant();
            Instant staleAt = now.plus(ttl(doc.maxAge()));
            Snapshot fresh = new Snapshot(set.keys(), staleAt, staleAt.plus(outageTolerance));
            Snapshot previous;
            synchronized (lock) {
                previous = current;
                current = fresh;
            }
            result = fresh;
            lastFailure = "";
            for (String skipped : set.skipped()) {
                LOG.fine(() -> "TokenGuard: key set " + fetcher.uri() + " skipped " + skipped);
            }
            if (set.keys().isEmpty()) {
                lastFailure = "the key set has no usable signature key";
                LOG.log(Level.WARNING, "TokenGuard: key set {0} has no usable signature key ({1} skipped); every"
                        + " token is refused until the issuer publishes one", new Object[] {fetcher.uri(),
                        set.skipped().size()});
            }
            if (previous != null && !sameKeys(previous.keys(), fresh.keys())) {
                LOG.info(() -> "TokenGuard: key set " + fetcher.uri() + " changed; now " + fresh.keys().size()
                        + " key(s)");
                onKeysChanged.run();
            }
        } catch (IOException | RuntimeException e) {
            lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Snapshot kept = current;
            LOG.log(Level.WARNING, "TokenGuard: could not refresh key set {0}: {1}{2}", new Object[] {
                fetcher.uri(), lastFailure, kept == null ? ""
                        : " (keeping the last good key set until " + kept.usableUntil() + ")"});
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

    /**
     * A fetched document as a key set; a document that is not one is a failed fetch, not an answer. MicroProfile JWT
     * lets {@code mp.jwt.verify.publickey.location} name any key form at an http(s) URL, so besides a JWK Set the
     * document may be one JWK, a PEM public key or certificate, or base64 of a JWK (Set): read as configured text is,
     * one key that replaces the last.
     */
    private static KeyMaterial.KeySet parse(String body, int minRsaBits) throws IOException {
        if (!KeyMaterial.looksLikeJson(body.strip())) {
            try {
                return new KeyMaterial.KeySet(KeyMaterial.parseConfigured(body, minRsaBits), List.of());
            } catch (IllegalArgumentException unusable) {
                throw new IOException("key document: " + unusable.getMessage());
            }
        }
        Map<String, Object> json;
        try {
            json = JsonObjects.parse(body, "key set");
        } catch (RejectionException notJson) {
            throw new IOException("key set is not a JSON object");
        }
        try {
            return json.containsKey("keys") ? KeyMaterial.parseKeySet(json, minRsaBits)
                    : new KeyMaterial.KeySet(List.of(KeyMaterial.fromJwk(json, minRsaBits)), List.of());
        } catch (IllegalArgumentException unusable) {
            throw new IOException(unusable.getMessage());
        }
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
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
