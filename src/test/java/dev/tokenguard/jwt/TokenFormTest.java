package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact form and the header: size cap, parts, strict base64url, JSON, crit, key headers. */
class TokenFormTest {

    private static final KeyPair RSA = TestTokens.rsa(2048);
    private static final KeyPair ATTACKER = TestTokens.rsa(2048);
    private static final JwtVerifier VERIFIER = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic()))
            .build();

    private static String claimsJson() {
        return JsonUtil.toJson(TestTokens.claims());
    }

    private static String signed(String headerJson, String payloadJson) {
        return TestTokens.sign(headerJson, payloadJson, "RS256", RSA.getPrivate());
    }

    private static Rejection rejection(String token) {
        Verification v = VERIFIER.verify(token);
        assertTrue(!v.isAccepted(), "should be refused: " + v);
        return v.rejection();
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        assertTrue(VERIFIER.verify(signed("{\"alg\":\"RS256\"}", claimsJson())).isAccepted());
    }

    @Test
    void nullAndEmptyAreMalformedNotExceptions() {
        assertEquals(Rejection.MALFORMED, rejection(null));
        assertEquals(Rejection.MALFORMED, rejection(""));
        assertTrue(VERIFIER.verifyToken(null).isEmpty());
        assertTrue(VERIFIER.loadAccessToken(null).isEmpty());
    }

    @Test
    void sizeCapIsCheckedBeforeAnyDecoding() {
        JwtVerifier small = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic())).maxTokenSize(600).build();
        String token = signed("{\"alg\":\"RS256\"}", claimsJson());
        assertTrue(token.length() < 600 || token.length() > 600);
        String padded = signed("{\"alg\":\"RS256\",\"pad\":\"" + "x".repeat(600) + "\"}", claimsJson());
        assertEquals(Rejection.TOO_LARGE, small.verify(padded).rejection());
        // Not even base64url: still "too large", proving nothing was decoded first.
        assertEquals(Rejection.TOO_LARGE, small.verify("!".repeat(601)).rejection());
        assertEquals(Rejection.TOO_LARGE, rejection("a".repeat(16 * 1024 + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "abc.def", "a.b.c.d", "a.b.c.d.e.f", ".b.c", "a.b.", "..", "...."})
    void wrongNumberOfPartsOrEmptyParts(String token) {
        assertEquals(Rejection.MALFORMED, rejection(token));
    }

    @Test
    void encryptedTokensAreRefused() {
        String jwe = TestTokens.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".AAAA.AAAA.AAAA.AAAA";
        Verification v = VERIFIER.verify(jwe);
        assertEquals(Rejection.MALFORMED, v.rejection());
        assertTrue(v.detail().contains("JWE"), v.detail());
    }

    @Test
    void base64urlMustBeStrict() {
        String token = signed("{\"alg\":\"RS256\"}", claimsJson());
        String[] p = token.split("\\.");
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "=." + p[1] + "." + p[2]), "padding");
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "." + p[1] + "." + p[2] + "=="), "padding");
        assertEquals(Rejection.MALFORMED, rejection(p[0].replace('-', '+') + "x." + p[1] + "." + p[2]), "std alphabet");
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "." + p[1] + " ." + p[2]), "space");
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "." + p[1] + "." + p[2].substring(1)), "length 4n+1");
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "\u0000." + p[1] + "." + p[2]), "NUL");
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "é." + p[1] + "." + p[2]), "non-ASCII");
    }

    /** "e30" and "e31" both decode to "{}" with a lax decoder; only the first is canonical. */
    @Test
    void nonZeroUnusedBitsAreRefused() {
        String token = signed("{\"alg\":\"RS256\"}", claimsJson());
        String[] p = token.split("\\.");
        String sig = p[2];
        char last = sig.charAt(sig.length() - 1);
        // RS256 signature: 256 bytes -> 342 chars, 4 unused bits in the last character.
        assertEquals(2, sig.length() % 4);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char altered = alphabet.charAt(alphabet.indexOf(last) | 1);
        assertTrue(altered != last);
        assertEquals(Rejection.MALFORMED, rejection(p[0] + "." + p[1] + "." + sig.substring(0, sig.length() - 1)
                + altered));
    }

    @Test
    void headerAndPayloadMustBeJsonObjects() {
        assertEquals(Rejection.MALFORMED, rejection(signed("[\"alg\",\"RS256\"]", claimsJson())));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"", claimsJson())));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"}", "[1,2,3]")));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"}", "not json")));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"}", "")));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"typ\":\"JWT\"}", claimsJson())), "no alg");
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":256}", claimsJson())), "alg not a string");
    }

    @Test
    void payloadMustBeUtf8() {
        String header = TestTokens.b64("{\"alg\":\"RS256\"}");
        String payload = TestTokens.b64(new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, '"', '}'});
        String input = header + "." + payload;
        String token = input + "." + TestTokens.b64(TestTokens.signature(input, "RS256", RSA.getPrivate()));
        assertEquals(Rejection.MALFORMED, rejection(token));
    }

    @Test
    void duplicateMemberNamesAreRefused() {
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\",\"alg\":\"none\"}", claimsJson())));
        long exp = System.currentTimeMillis() / 1000 + 600;
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"}",
                "{\"sub\":\"alice\",\"exp\":" + exp + ",\"sub\":\"admin\"}")));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"}",
                "{\"exp\":" + exp + ",\"x\":{\"a\":1,\"a\":2}}")), "nested duplicates too");
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        long exp = System.currentTimeMillis() / 1000 + 600;
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\"}",
                "{\"exp\":" + exp + ",\"deep\":" + deep + "}")));
        String fine = "[".repeat(10) + "]".repeat(10);
        assertTrue(VERIFIER.verify(signed("{\"alg\":\"RS256\"}", "{\"exp\":" + exp + ",\"ok\":" + fine + "}"))
                .isAccepted());
    }

    @Test
    void critMustListPresentUnderstoodNonRegisteredNames() {
        JwtVerifier understandsExp = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic()))
                .criticalHeaders("tenant").build();
        String ok = signed("{\"alg\":\"RS256\",\"crit\":[\"tenant\"],\"tenant\":\"a\"}", claimsJson());
        assertTrue(understandsExp.verify(ok).isAccepted());
        assertEquals(Rejection.UNSUPPORTED_CRITICAL_HEADER, rejection(ok), "not understood by default");
        for (String header : List.of(
                "{\"alg\":\"RS256\",\"crit\":[\"tenant\"]}",                      // not present
                "{\"alg\":\"RS256\",\"crit\":[],\"tenant\":\"a\"}",                // empty
                "{\"alg\":\"RS256\",\"crit\":\"tenant\",\"tenant\":\"a\"}",        // not a list
                "{\"alg\":\"RS256\",\"crit\":[\"alg\"]}",                          // registered name
                "{\"alg\":\"RS256\",\"crit\":[7],\"tenant\":\"a\"}",               // not a string
                "{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}")) {         // RFC 7797 not supported
            assertEquals(Rejection.UNSUPPORTED_CRITICAL_HEADER,
                    understandsExp.verify(signed(header, claimsJson())).rejection(), header);
        }
    }

    @Test
    void privateNonCriticalHeadersAreFine() {
        assertTrue(VERIFIER.verify(signed("{\"alg\":\"RS256\",\"x-trace\":\"1\",\"typ\":\"at+jwt\"}", claimsJson()))
                .isAccepted());
    }

    /** Keys named by the token itself are never used: only configured keys count. */
    @Test
    void jkuX5uAndEmbeddedJwkAreIgnoredAsKeySources() {
        Map<String, Object> attackerJwk = TestTokens.jwk(ATTACKER.getPublic(), "evil", "sig", "RS256");
        Map<String, Object> header = TestTokens.header("RS256");
        header.put("jwk", attackerJwk);
        header.put("jku", "https://attacker.test/jwks.json");
        header.put("x5u", "https://attacker.test/cert.pem");
        String byAttacker = TestTokens.sign(header, TestTokens.claims(), ATTACKER.getPrivate());
        assertEquals(Rejection.BAD_SIGNATURE, rejection(byAttacker));
        // The same headers on a token signed with the configured key change nothing.
        assertTrue(VERIFIER.verify(TestTokens.sign(header, TestTokens.claims(), RSA.getPrivate())).isAccepted());
    }

    @Test
    void kidMustBeAString() {
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\",\"kid\":7}", claimsJson())));
        assertEquals(Rejection.MALFORMED, rejection(signed("{\"alg\":\"RS256\",\"kid\":{\"a\":1}}", claimsJson())));
    }

    @Test
    void detailsNeverContainTheToken() {
        String token = signed("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(500) + "\"}", claimsJson());
        Verification v = VERIFIER.verify(token);
        assertEquals(Rejection.ALGORITHM_NOT_ALLOWED, v.rejection());
        assertTrue(v.detail().length() < 200, v.detail());
        for (String part : token.split("\\.")) {
            assertTrue(!v.detail().contains(part.substring(0, Math.min(16, part.length()))), v.detail());
        }
    }
}
