package dev.tokenguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class StaticTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Map<String, Object> entry(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static StaticTokenVerifier verifier(Map<String, Map<String, Object>> tokens, String... required) {
        return new StaticTokenVerifier(tokens, List.of(required), CLOCK);
    }

    @Test
    void knownTokenGivesItsAccessToken() {
        StaticTokenVerifier v = verifier(Map.of("dev-token", entry("client_id", "cli", "scopes", List.of("read",
                "write"), "expires_at", NOW.getEpochSecond() + 60, "sub", "alice", "team", "blue")));
        AccessToken t = v.verifyToken("dev-token").orElseThrow();
        assertEquals("dev-token", t.token());
        assertEquals("cli", t.clientId());
        assertEquals(List.of("read", "write"), t.scopes());
        assertEquals(Instant.ofEpochSecond(NOW.getEpochSecond() + 60), t.expiresAt());
        assertEquals("alice", t.subject());
        assertEquals("blue", t.claims().get("team"));
        assertEquals(t, v.loadAccessToken("dev-token").orElseThrow());
    }

    @Test
    void unknownEmptyOrNullTokensAreRefused() {
        StaticTokenVerifier v = verifier(Map.of("dev-token", entry("client_id", "cli")));
        assertEquals(Rejection.UNKNOWN_TOKEN, v.verify("other").rejection());
        assertEquals(Rejection.UNKNOWN_TOKEN, v.verify("dev-token ").rejection());
        assertEquals(Rejection.MALFORMED, v.verify("").rejection());
        assertEquals(Rejection.MALFORMED, v.verify(null).rejection());
        assertTrue(v.verifyToken(null).isEmpty());
    }

    @Test
    void anEmptyEntryDisablesItsToken() {
        Map<String, Map<String, Object>> tokens = new HashMap<>();
        tokens.put("disabled", Map.of());
        tokens.put("also-disabled", null);
        tokens.put("ok", entry("client_id", "cli"));
        StaticTokenVerifier v = verifier(tokens);
        assertEquals(Rejection.UNKNOWN_TOKEN, v.verify("disabled").rejection());
        assertEquals(Rejection.UNKNOWN_TOKEN, v.verify("also-disabled").rejection());
        assertTrue(v.verify("ok").isAccepted());
    }

    @Test
    void expiryIsEnforcedWithoutSkew() {
        StaticTokenVerifier v = verifier(Map.of(
                "past", entry("client_id", "c", "expires_at", NOW.getEpochSecond()),
                "future", entry("client_id", "c", "expires_at", NOW.getEpochSecond() + 1),
                "never", entry("client_id", "c", "expires_at", null)));
        assertEquals(Rejection.EXPIRED, v.verify("past").rejection());
        assertTrue(v.verify("future").isAccepted());
        assertNull(v.verifyToken("never").orElseThrow().expiresAt());
    }

    @Test
    void requiredScopesMustAllBePresent() {
        StaticTokenVerifier v = verifier(Map.of(
                "reader", entry("client_id", "c", "scopes", List.of("read")),
                "admin", entry("client_id", "c", "scopes", List.of("read", "admin"))), "read", "admin");
        assertEquals(Rejection.INSUFFICIENT_SCOPE, v.verify("reader").rejection());
        assertTrue(v.verify("admin").isAccepted());
        assertEquals(List.of("read", "admin"), v.requiredScopes());
    }

    @Test
    void entryWithoutClientIdIsRefusedByPositionNeverByToken() {
        Map<String, Map<String, Object>> tokens = new LinkedHashMap<>();
        tokens.put("first-token", entry("client_id", "a"));
        tokens.put("super-secret-token-value", entry("scopes", List.of("read")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verifier(tokens));
        assertTrue(e.getMessage().contains("entry #2"), e.getMessage());
        assertTrue(e.getMessage().contains("client_id"), e.getMessage());
        assertFalse(e.getMessage().contains("super-secret-token-value"));
    }

    @Test
    void malformedEntriesAreConstructionErrors() {
        assertThrows(IllegalArgumentException.class, () -> verifier(Map.of("t", entry("client_id", "c", "scopes",
                List.of("read", 3)))));
        assertThrows(IllegalArgumentException.class, () -> verifier(Map.of("t", entry("client_id", "c", "expires_at",
                "tomorrow"))));
        assertThrows(IllegalArgumentException.class, () -> verifier(Map.of("t", entry("client_id", "c", "sub", 5))));
        assertThrows(IllegalArgumentException.class, () -> verifier(Map.of(" ", entry("client_id", "c"))));
        assertThrows(IllegalArgumentException.class, () -> new StaticTokenVerifier(null));
    }

    @Test
    void scopesMayBeOneSpaceSeparatedString() {
        assertEquals(List.of("read", "write"), verifier(Map.of("t", entry("client_id", "c", "scopes", "read write")))
                .verifyToken("t").orElseThrow().scopes());
    }

    @Test
    void constructionWarnsThatStaticTokensAreForDevelopment() {
        List<LogRecord> records = new java.util.ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.tokenguard");
        logger.addHandler(h);
        try {
            verifier(Map.of("secret-dev-token", entry("client_id", "c")));
        } finally {
            logger.removeHandler(h);
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING
                && r.getMessage().contains("development")), records.toString());
        assertTrue(records.stream().noneMatch(r -> r.getMessage().contains("secret-dev-token")));
    }

    /**
     * UTF-8 would turn an unpaired surrogate into '?': then "dev-token-?" would match "dev-token-\ud800"; Latin-1 does
     * the same to any char beyond it ("\u20ac").
     */
    @Test
    void tokensAreComparedOnTheirExactCharacters() {
        for (String[] pair : new String[][] {{"dev-token-?", "dev-token-\ud800"}, {"dev-token-\ud800", "dev-token-?"},
                {"dev-token-\udc00", "dev-token-\ud800"}, {"dev-token-\u00e9", "dev-token-\u00c3\u00a9"},
                {"dev-token-?", "dev-token-\u20ac"}, {"dev-token-\u20ac", "dev-token-?"}}) {
            StaticTokenVerifier v = verifier(Map.of(pair[0], entry("client_id", "app", "scopes", "read")));
            assertTrue(v.verify(pair[0]).isAccepted(), "the token itself");
            assertEquals(Rejection.UNKNOWN_TOKEN, v.verify(pair[1]).rejection(), pair[1] + " is another token");
        }
    }

    @Test
    void scopesOfAnEntryFollowRfc6749() {
        for (Object scopes : List.of("read\tadmin", List.of("admin\u2003"), List.of(" admin"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> verifier(Map.of("t", entry("client_id", "app", "scopes", scopes))));
            assertTrue(e.getMessage().contains("entry #1"), e.getMessage());
        }
    }

    @Test
    void numbersAreNeverRounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verifier(Map.of("t",
                entry("client_id", "app", "account", new java.math.BigInteger("18446744073709551616")))));
        assertTrue(e.getMessage().contains("beyond the range of a long"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> verifier(Map.of("t", entry("client_id", "app", "score", Double.POSITIVE_INFINITY))));
        StaticTokenVerifier exact = verifier(Map.of("t", entry("client_id", "app", "account",
                new java.math.BigInteger("9223372036854775807"), "ratio", new java.math.BigDecimal("0.5"))));
        Map<String, Object> claims = exact.verify("t").accessToken().claims();
        assertEquals(Long.MAX_VALUE, claims.get("account"));
        assertEquals(0.5, claims.get("ratio"));
    }
}
