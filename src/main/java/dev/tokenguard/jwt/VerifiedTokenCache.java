package dev.tokenguard.jwt;

import dev.tokenguard.AccessToken;
import dev.tokenguard.internal.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens already verified, by SHA-256 digest, so that a repeated token skips the signature check.
 *
 * <p>Bounded: when full, expired entries go first, then arbitrary ones (a tenth of the map), which keeps
 * every operation cheap and needs no lock. An entry never outlives its token's last valid instant nor the
 * configured TTL; the caller still applies the time rules on each hit. Only accepted tokens are cached,
 * so a flood of bad tokens cannot fill it.
 */
final class VerifiedTokenCache {

    record Entry(AccessToken token, TimeClaims times, long notAfterMillis) {
    }

    private final Map<TokenDigest, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by {@link #clear}; a verification that began before a clear must not be stored after it. */
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;
    private final long ttlMillis;

    VerifiedTokenCache(int maxEntries, Duration ttl) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
    }

    boolean enabled() {
        return maxEntries > 0 && ttlMillis > 0;
    }

    Entry get(TokenDigest digest, Instant now) {
        Entry e = entries.get(digest);
        if (e != null && now.toEpochMilli() > e.notAfterMillis()) {
            entries.remove(digest, e);
            return null;
        }
        return e;
    }

    /** Read before verifying; hand it to {@link #put}. */
    long generation() {
        return generation.get();
    }

    /**
     * Stores a verification that began at {@code startedAt} (a {@link #generation()}); dropped when the cache
     * was cleared since, because the key that verified it may have been withdrawn.
     */
    void put(TokenDigest digest, AccessToken token, TimeClaims times, Instant lastValid, Instant now, long startedAt) {
        if (generation.get() != startedAt) {
            return;
        }
        long notAfter = now.toEpochMilli() + ttlMillis;
        if (lastValid != null) {
            notAfter = Math.min(notAfter, lastValid.toEpochMilli());
        }
        if (notAfter <= now.toEpochMilli()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(now.toEpochMilli());
        }
        Entry entry = new Entry(token, times, notAfter);
        entries.put(digest, entry);
        if (generation.get() != startedAt) {
            entries.remove(digest, entry); // a clear ran while we stored
        }
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private void makeRoom(long nowMillis) {
        entries.values().removeIf(e -> nowMillis > e.notAfterMillis());
        int toDrop = entries.size() - maxEntries + Math.max(1, maxEntries / 10);
        for (Iterator<TokenDigest> it = entries.keySet().iterator(); it.hasNext() && toDrop > 0; toDrop--) {
            it.next();
            it.remove();
        }
    }
}
