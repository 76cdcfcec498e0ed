package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Time, issuer, audience, subject, scopes and client id, each accepted and refused. */
class ClaimRulesTest {

    private static final KeyPair RSA = TestTokens.rsa(2048);
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final long T = NOW.getEpochSecond();

    private static JwtVerifier.Builder builder() {
        return JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).verifiedTokenCacheSize(0);
    }

    private static String token(Consumer<Map<String, Object>> edit) {
        Map<String, Object> claims = new LinkedHashMap<>(TestTokens.claims(NOW));
        edit.accept(claims);
        return TestTokens.sign(TestTokens.header("RS256"), claims, RSA.getPrivate());
    }

    /** For claims jose4j would not write as-is (fractions, huge numbers): the payload as raw text. */
    private static String rawToken(String payloadJson) {
        return TestTokens.sign("{\"alg\":\"RS256\"}", payloadJson, "RS256", RSA.getPrivate());
    }

    private static Verification verify(JwtVerifier.Builder b, String token) {
        return b.build().verify(token);
    }

    private static void assertAccepted(Verification v) {
        assertTrue(v.isAccepted(), () -> "expected acceptance: " + v);
    }

    // --- exp, nbf, iat and the one clock skew ---

    @Test
    void expIsRequiredByDefault() {
        String noExp = token(c -> c.remove("exp"));
        assertEquals(Rejection.MISSING_CLAIM, verify(builder(), noExp).rejection());
        assertAccepted(verify(builder().requireExpiration(false), noExp));
        assertNull(builder().requireExpiration(false).build().verifyToken(noExp).orElseThrow().expiresAt());
    }

    @Test
    void expiryHonoursTheClockSkewOnBothSides() {
        assertAccepted(verify(builder(), token(c -> c.put("exp", T - 59))));
        assertEquals(Rejection.EXPIRED, verify(builder(), token(c -> c.put("exp", T - 60))).rejection());
        assertEquals(Rejection.EXPIRED, verify(builder(), token(c -> c.put("exp", T - 3600))).rejection());
        assertEquals(Rejection.EXPIRED, verify(builder().clockSkew(Duration.ZERO), token(c -> c.put("exp", T)))
                .rejection());
        assertAccepted(verify(builder().clockSkew(Duration.ZERO), token(c -> c.put("exp", T + 1))));
    }

    @Test
    void notBeforeHonoursTheSameSkew() {
        assertAccepted(verify(builder(), token(c -> c.put("nbf", T + 60))));
        assertEquals(Rejection.NOT_YET_VALID, verify(builder(), token(c -> c.put("nbf", T + 61))).rejection());
        assertEquals(Rejection.NOT_YET_VALID, verify(builder().clockSkew(Duration.ofSeconds(5)),
                token(c -> c.put("nbf", T + 6))).rejection());
    }

    @Test
    void issuedInTheFutureIsNotYetValid() {
        assertAccepted(verify(builder(), token(c -> c.put("iat", T + 60))));
        assertEquals(Rejection.NOT_YET_VALID, verify(builder(), token(c -> c.put("iat", T + 61))).rejection());
    }

    @Test
    void maximumTokenAgeNeedsAndChecksIat() {
        JwtVerifier.Builder fiveMinutes = builder().maxTokenAge(Duration.ofMinutes(5));
        assertAccepted(verify(fiveMinutes, token(c -> c.put("iat", T - 300))));
        // exact: the clock skew is for exp, nbf and iat in the future, not for the operator's own age bound (MP-JWT)
        assertEquals(Rejection.TOO_OLD, verify(fiveMinutes, token(c -> c.put("iat", T - 301))).rejection());
        assertEquals(Rejection.MISSING_CLAIM, verify(fiveMinutes, token(c -> c.remove("iat"))).rejection());
        assertAccepted(verify(builder(), token(c -> c.put("iat", T - 86_400 * 365))));  // no limit by default
    }

    @Test
    void fractionalNumericDatesAreAccepted() {
        assertAccepted(verify(builder(), rawToken("{\"exp\":" + (T + 10) + ".5,\"iat\":" + (T - 1) + ".25}")));
        assertEquals(Rejection.EXPIRED, verify(builder(), rawToken("{\"exp\":" + (T - 61) + ".9}")).rejection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"exp\":\"" + "9999999999\"", "\"exp\":true", "\"exp\":null", "\"exp\":[1]",
        "\"exp\":{}", "\"nbf\":\"0\"", "\"iat\":\"now\""})
    void timeClaimsMustBeNumbers(String member) {
        String payload = "{" + (member.startsWith("\"exp\"") ? member : member + ",\"exp\":" + (T + 600)) + "}";
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), rawToken(payload)).rejection(), payload);
    }

    /**
     * Dates before 1970 or after 9999 are attacks or bugs, not tokens: refused, never overflowing. Numbers no
     * double or long can hold are malformed JSON to TokenGuard: refused by the parser, never rounded.
     */
    @ParameterizedTest
    @CsvSource({"1e400, MALFORMED", "-1e400, MALFORMED", "99999999999999999999999999, MALFORMED",
        "1e300, INVALID_CLAIM", "-9223372036854775808, INVALID_CLAIM", "9223372036854775807, INVALID_CLAIM",
        "-1e300, INVALID_CLAIM", "-1, INVALID_CLAIM", "253402300800, INVALID_CLAIM", "253402300799, ACCEPTED",
        "0, EXPIRED", "1.5, EXPIRED"})
    void absurdNumbersAreRefusedWithoutOverflow(String exp, String expected) {
        Verification v = verify(builder(), rawToken("{\"exp\":" + exp + "}"));
        assertEquals(expected, v.isAccepted() ? "ACCEPTED" : v.rejection().name(), v.toString());
    }

    @Test
    void negativeNotBeforeAndIssuedAtAreRefusedToo() {
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("nbf", -1))).rejection());
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("iat", -5))).rejection());
    }

    // --- issuer ---

    @Test
    void issuerMustMatchOneOfTheAcceptedExactly() {
        String token = token(c -> c.put("iss", "https://issuer.test"));
        assertAccepted(verify(builder().issuer("https://issuer.test"), token));
        assertAccepted(verify(builder().issuer("https://other.test", "https://issuer.test"), token));
        assertEquals(Rejection.WRONG_ISSUER, verify(builder().issuer("https://issuer.test/"), token).rejection());
        assertEquals(Rejection.WRONG_ISSUER, verify(builder().issuer("https://ISSUER.test"), token).rejection());
        assertEquals(Rejection.WRONG_ISSUER, verify(builder().issuer("https://issuer.test"),
                token(c -> c.remove("iss"))).rejection());
        assertEquals(Rejection.WRONG_ISSUER, verify(builder().issuer("https://issuer.test"),
                token(c -> c.put("iss", List.of("https://issuer.test")))).rejection(), "iss must be a string");
        assertAccepted(verify(builder(), token(c -> c.put("iss", "anyone"))));  // not configured: not checked
    }

    // --- audience ---

    @Test
    void audienceMatchesAStringOrAnyEntryOfAList() {
        String single = token(c -> c.put("aud", "https://api.test"));
        String list = token(c -> c.put("aud", List.of("https://other.test", "https://api.test")));
        for (String t : List.of(single, list)) {
            assertAccepted(verify(builder().audience("https://api.test"), t));
            assertAccepted(verify(builder().audience("https://nope.test", "https://api.test"), t));
            assertEquals(Rejection.WRONG_AUDIENCE, verify(builder().audience("https://nope.test"), t).rejection());
        }
        assertEquals(Rejection.WRONG_AUDIENCE, verify(builder().audience("https://api.test"),
                token(c -> c.remove("aud"))).rejection());
        assertEquals(Rejection.WRONG_AUDIENCE, verify(builder().audience("https://api.test"),
                token(c -> c.put("aud", 42))).rejection());
        assertAccepted(verify(builder(), token(c -> c.put("aud", "whatever"))));
    }

    @Test
    void theMatchedAudienceIsTheResource() {
        AccessToken t = builder().audience("https://a.test", "https://b.test").build()
                .verifyToken(token(c -> c.put("aud", List.of("https://b.test", "https://c.test")))).orElseThrow();
        assertEquals("https://b.test", t.resource());
        assertNull(builder().build().verifyToken(token(c -> c.put("aud", "https://b.test"))).orElseThrow()
                .resource());
    }

    // --- subject ---

    @Test
    void subjectMustBeAStringWhenPresent() {
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("sub", 42))).rejection());
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("sub", List.of("a")))).rejection());
        AccessToken noSub = builder().build().verifyToken(token(c -> c.remove("sub"))).orElseThrow();
        assertNull(noSub.subject());
    }

    // --- scopes ---

    @Test
    void scopeStringIsSplitOnSpaces() {
        assertEquals(List.of("read", "write", "admin"), scopes(c -> c.put("scope", " read  write admin read ")));
    }

    /** RFC 6749 §3.3: a scope-token is printable ASCII without space, quote or backslash; nothing is repaired. */
    @ParameterizedTest
    @ValueSource(strings = {"read\tadmin", "read\nadmin", "admin\u2003", "\u00a0admin", "adm\"in", "adm\\in",
        "admin\u0000", "ädmin", "admin\u200b"})
    void aScopeThatIsNotAScopeTokenRefusesTheToken(String scope) {
        for (Object value : List.of(scope, List.of("read", scope))) {
            for (String claim : List.of("scope", "scp")) {
                Verification v = verify(builder(), token(c -> c.put(claim, value)));
                assertEquals(Rejection.INVALID_CLAIM, v.rejection(), () -> claim + " " + value);
            }
        }
    }

    @Test
    void listEntriesAreNotTrimmedIntoAnotherScope() {
        Verification v = verify(builder().requiredScopes("admin"), token(c -> c.put("scope", List.of(" admin"))));
        assertEquals(Rejection.INVALID_CLAIM, v.rejection());
        v = verify(builder().requiredScopes("admin"), token(c -> c.put("scope", List.of(""))));
        assertEquals(Rejection.INVALID_CLAIM, v.rejection());
    }

    @Test
    void scopeListIsAccepted() {
        assertEquals(List.of("read", "write"), scopes(c -> c.put("scope", List.of("read", "write"))));
    }

    @Test
    void scpIsUsedOnlyWithoutScope() {
        assertEquals(List.of("a", "b"), scopes(c -> c.put("scp", List.of("a", "b"))));
        assertEquals(List.of("a", "b"), scopes(c -> c.put("scp", "a b")));
        assertEquals(List.of("x"), scopes(c -> {
            c.put("scope", "x");
            c.put("scp", List.of("a"));
        }));
        assertEquals(List.of(), scopes(c -> {
            c.put("scope", "");
            c.put("scp", List.of("a"));
        }), "scope: \"\" means no scopes, not 'look at scp'");
        assertEquals(List.of(), scopes(c -> { }));
    }

    @Test
    void scopesOfTheWrongTypeAreRefused() {
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("scope", 7))).rejection());
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("scope", List.of("a", 1))))
                .rejection());
        assertEquals(Rejection.INVALID_CLAIM, verify(builder(), token(c -> c.put("scp", Map.of("a", 1))))
                .rejection());
    }

    @Test
    void requiredScopesMustAllBePresent() {
        JwtVerifier.Builder needs = builder().requiredScopes("read", "write");
        assertAccepted(verify(needs, token(c -> c.put("scope", "write read admin"))));
        Verification partial = verify(needs, token(c -> c.put("scope", "read")));
        assertEquals(Rejection.INSUFFICIENT_SCOPE, partial.rejection());
        assertTrue(partial.detail().contains("write"), partial.detail());
        assertEquals(Rejection.INSUFFICIENT_SCOPE, verify(needs, token(c -> c.put("scp", List.of("read"))))
                .rejection());
        assertEquals(Rejection.INSUFFICIENT_SCOPE, verify(needs, token(c -> { })).rejection());
        assertEquals(List.of("read", "write"), needs.build().requiredScopes());
    }

    private static List<String> scopes(Consumer<Map<String, Object>> edit) {
        return builder().build().verifyToken(token(edit)).orElseThrow().scopes();
    }

    // --- client id and claims ---

    @Test
    void clientIdFallsBackFromClientIdToAzpToSubToUnknown() {
        assertEquals("cid", clientId(c -> {
            c.put("client_id", "cid");
            c.put("azp", "azp");
        }));
        assertEquals("azp", clientId(c -> c.put("azp", "azp")));
        assertEquals("alice", clientId(c -> { }));
        assertEquals("unknown", clientId(c -> c.remove("sub")));
        assertEquals("alice", clientId(c -> c.put("client_id", 12)), "non-string client_id is not used");
    }

    private static String clientId(Consumer<Map<String, Object>> edit) {
        return builder().build().verifyToken(token(edit)).orElseThrow().clientId();
    }

    @Test
    void everyClaimIsKeptAsPlainImmutableJavaValues() throws Exception {
        String token = rawToken("{\"sub\":\"alice\",\"exp\":" + (T + 600) + ",\"n\":5,\"f\":1.5,\"b\":true,"
                + "\"nil\":null,\"list\":[\"a\",2],\"obj\":{\"k\":{\"deep\":[true]}}}");
        AccessToken t = builder().build().verifyToken(token).orElseThrow();
        Map<String, Object> claims = t.claims();
        assertEquals(5L, claims.get("n"));
        assertEquals(1.5, claims.get("f"));
        assertEquals(Boolean.TRUE, claims.get("b"));
        assertTrue(claims.containsKey("nil"));
        assertNull(claims.get("nil"));
        assertEquals(List.of("a", 2L), claims.get("list"));
        assertEquals(Map.of("k", Map.of("deep", List.of(true))), claims.get("obj"));
        assertEquals(Instant.ofEpochSecond(T + 600), t.expiresAt());
        assertEquals(token, t.token());
        assertThrows(UnsupportedOperationException.class, () -> claims.put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) claims.get("list");
        assertThrows(UnsupportedOperationException.class, () -> list.add("b"));
        assertTrue(!t.toString().contains(token), "toString never prints the token");
        assertEquals(JsonUtil.parseJson(JsonUtil.toJson(claims)), claims);
    }
}
