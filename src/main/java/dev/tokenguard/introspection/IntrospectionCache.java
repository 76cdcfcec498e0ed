package dev.tokenguard.introspection;

import dev.tokenguard.AccessToken;
import dev.tokenguard.internal.TokenDigest;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepted tokens by the SHA-256 of their text, each until the earlier of its {@code exp} and the configured
 * lifetime; at most {@code maxEntries} (a full cache first drops what has expired, then arbitrary entries). Only
 * acceptances are kept: a refused token is asked about again.
 */
final class IntrospectionCache {

    private record Entry(AccessToken token, long notAfterMillis) {
    }

    private final int maxEntries;
    private final long ttlMillis;
    private final Map<TokenDigest, Entry> entries = new ConcurrentHashMap<>();

    IntrospectionCache(int maxEntries, long ttlMillis) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
    }

    boolean enabled() {
        return maxEntries > 0 && ttlMillis > 0;
    }

    AccessToken get(TokenDigest digest, long nowMillis) {
        Entry e = entries.get(digest);
        if (e == null) {
            return null;
        }
        if (nowMillis >= e.notAfterMillis()) {
            entries.remove(digest, e);
            return null;
        }
        return e.token();
    }

    void put(TokenDigest digest, AccessToken token, long nowMillis) {
        long notAfter = nowMillis + ttlMillis;
        if (token.expiresAt() != null) {
            notAfter = Math.min(notAfter, token.expiresAt().toEpochMilli());
        }
        if (notAfter <= nowMillis) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(nowMillis);
        }
        entries.put(digest, new Entry(token, notAfter));
    }

    int size() {
        return entries.size();
    }

    private void makeRoom(long nowMillis) {
        entries.values().removeIf(e -> nowMillis >= e.notAfterMillis());
        int toDrop = entries.size() - maxEntries + 1 + maxEntries / 10;
        for (Iterator<TokenDigest> it = entries.keySet().iterator(); it.hasNext() && toDrop > 0; toDrop--) {
            it.next();
            it.remove();
        }
    }
}
