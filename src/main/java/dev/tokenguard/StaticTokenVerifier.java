package dev.tokenguard;

import dev.tokenguard.internal.PlainValues;
import dev.tokenguard.internal.RejectionLog;
import dev.tokenguard.internal.RequiredScopes;
import dev.tokenguard.internal.Scopes;
import dev.tokenguard.internal.TokenDigest;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tokens from a fixed map, for development and tests (FastMCP's {@code StaticTokenVerifier}).
 *
 * <p>Each entry maps a token string to its data: {@code client_id} (required), {@code scopes} (list of
 * strings, or one space-separated string), {@code expires_at} (epoch seconds, or null for never),
 * {@code sub}, and anything else, which is kept as a claim. An empty (or null) entry disables its token.
 *
 * <p>Tokens are kept as SHA-256 digests of their exact characters, so nothing held here is token text, and are
 * compared in constant time.
 */
public final class StaticTokenVerifier implements TokenVerifier {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    /** By digest; looked up by {@link #find}, which compares every digest in constant time. */
    private final List<Keyed> entries;
    private final RequiredScopes requiredScopes;
    private final Clock clock;

    public StaticTokenVerifier(Map<String, Map<String, Object>> tokens) {
        this(tokens, List.of());
    }

    public StaticTokenVerifier(Map<String, Map<String, Object>> tokens, List<String> requiredScopes) {
        this(tokens, requiredScopes, Clock.systemUTC());
    }

    /**
     * @throws IllegalArgumentException when an entry is unusable; the message names the entry by its
     *                                  position (1-based, in map iteration order), never by its token
     */
    public StaticTokenVerifier(Map<String, Map<String, Object>> tokens, List<String> requiredScopes, Clock clock) {
        if (tokens == null) {
            throw new IllegalArgumentException("static tokens: the token map is null; give a map of token -> data");
        }
        this.requiredScopes = RequiredScopes.of(requiredScopes);
        this.clock = clock;
        Map<TokenDigest, Entry> byDigest = new LinkedHashMap<>();
        int position = 0;
        for (Map.Entry<String, Map<String, Object>> e : tokens.entrySet()) {
            position++;
            String token = e.getKey();
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("static tokens: entry #" + position + " has an empty token");
            }
            byDigest.put(TokenDigest.of(token), Entry.parse(position, e.getValue()));
        }
        this.entries = byDigest.entrySet().stream().map(e -> new Keyed(e.getKey().bytes(), e.getValue())).toList();
        LOG.warning("TokenGuard: static token verifier with " + entries.size()
                + " token(s) is active. Static tokens are for development and tests, not production.");
    }

    @Override
    public Verification verify(String token) {
        return RejectionLog.log("static token verifier", check(token));
    }

    private Verification check(String token) {
        if (token == null || token.isEmpty()) {
            return Verification.rejected(Rejection.MALFORMED, "no token");
        }
        Entry entry = find(TokenDigest.of(token));
        if (entry == null) {
            return Verification.rejected(Rejection.UNKNOWN_TOKEN, "token not in the static map");
        }
        if (entry.disabled()) {
            return Verification.rejected(Rejection.UNKNOWN_TOKEN, "static entry #" + entry.position + " is empty");
        }
        Instant now = clock.instant();
        if (entry.expiresAt != null && !now.isBefore(entry.expiresAt)) {
            return Verification.rejected(Rejection.EXPIRED,
                    "static entry #" + entry.position + " expired at " + entry.expiresAt);
        }
        AccessToken accessToken = new AccessToken(token, entry.clientId, entry.scopes, entry.expiresAt,
                null, entry.subject, entry.claims);
        Verification scopeProblem = requiredScopes.check(accessToken);
        return scopeProblem != null ? scopeProblem : Verification.accepted(accessToken);
    }

    /**
     * The entry whose digest equals {@code digest}, comparing with every entry and each in constant time, so the
     * time taken says nothing about which token, or how much of one, matched.
     */
    private Entry find(TokenDigest digest) {
        byte[] wanted = digest.bytes();
        Entry found = null;
        for (Keyed k : entries) {
            if (MessageDigest.isEqual(k.digest(), wanted)) {
                found = k.entry();
            }
        }
        return found;
    }

    private record Keyed(byte[] digest, Entry entry) {
    }

    @Override
    public List<String> requiredScopes() {
        return requiredScopes.asList();
    }

    @Override
    public String toString() {
        return "StaticTokenVerifier[" + entries.size() + " token(s), requiredScopes=" + requiredScopes.asList() + "]";
    }

    private record Entry(int position, String clientId, List<String> scopes, Instant expiresAt, String subject,
                         Map<String, Object> claims) {

        boolean disabled() {
            return clientId == null;
        }

        static Entry parse(int position, Map<String, Object> data) {
            String where = "static tokens: entry #" + position;
            if (data == null || data.isEmpty()) {
                return new Entry(position, null, List.of(), null, null, Map.of());
            }
            if (!(data.get("client_id") instanceof String clientId) || clientId.isBlank()) {
                throw new IllegalArgumentException(where + " has no client_id; every entry needs a non-empty"
                        + " \"client_id\" string");
            }
            Object sub = data.get("sub");
            if (sub != null && !(sub instanceof String)) {
                throw new IllegalArgumentException(where + ": \"sub\" must be a string");
            }
            return new Entry(position, clientId, scopes(where, data.get("scopes")),
                    expiresAt(where, data.get("expires_at")), (String) sub, PlainValues.immutableMap(data));
        }

        private static List<String> scopes(String where, Object value) {
            try {
                return Scopes.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": \"scopes\" " + e.getMessage());
            }
        }

        private static Instant expiresAt(String where, Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                return Instant.ofEpochSecond(Math.max(-1L << 40, Math.min(1L << 40, n.longValue())));
            }
            throw new IllegalArgumentException(where + ": \"expires_at\" must be epoch seconds or null");
        }
    }
}
