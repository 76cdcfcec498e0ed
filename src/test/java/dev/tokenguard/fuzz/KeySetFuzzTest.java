package dev.tokenguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenguard.jwt.JwkData;
import dev.tokenguard.jwt.JwksData;
import dev.tokenguard.jwt.JwtVerifier;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * Fuzzes key-set parsing through the public API: {@code JwtVerifier.builder().publicKey(text)} with several
 * algorithm lists, {@code JwkData.fromJson} and {@code JwksData.fromJson}. The only acceptable failure is an
 * {@link IllegalArgumentException} with a message, and that message repeats no key material; anything else
 * propagates and is a finding. A verifier that builds must describe itself without key material and verify
 * tokens without throwing; a {@code JwkData}/{@code JwksData} that parses must survive {@code toJson} and back.
 *
 * <p>The package-private parser of fetched key sets ({@code KeyMaterial.parseKeySet}) is fuzzed by
 * {@code dev.tokenguard.jwt.FuzzKeySetParsingTest}.
 */
class KeySetFuzzTest {

    /** Algorithm lists a key is configured for; the last input byte picks one. */
    static final List<String[]> ALGORITHMS = List.of(new String[] {"RS256"}, new String[] {"ES256"},
            new String[] {"HS256"}, new String[] {"EdDSA"},
            new String[] {"RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"}, new String[] {"HS512"},
            new String[] {"PS512", "ES512"}, new String[] {"HS256", "HS384"});

    /** Arbitrary text as the configured key: PEM, certificate, base64 SPKI, JWK, JWK Set or shared secret. */
    @FuzzTest
    @DictionaryEntries({"-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----", "-----BEGIN RSA PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----", "\"keys\"", "\"kty\"", "\"RSA\"", "\"EC\"",
        "\"OKP\"", "\"oct\"", "\"crv\"", "\"P-256\"", "\"Ed25519\"", "\"use\"", "\"sig\"", "\"key_ops\"", "\"kid\"",
        "\"alg\"", "\"n\"", "\"e\"", "\"x\"", "\"y\"", "\"k\"", "\"AQAB\"", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"})
    void fuzzPublicKeyText(FuzzedDataProvider data) {
        String[] algorithms = ALGORITHMS.get(data.consumeInt(0, ALGORITHMS.size() - 1));
        buildAndUse(data.consumeRemainingAsString(), algorithms);
    }

    /** Arbitrary text to {@code JwkData.fromJson} and {@code JwksData.fromJson}. */
    @FuzzTest
    @DictionaryEntries({"\"keys\"", "\"kty\"", "\"x5c\"", "\"kid\"", "\"n\"", "\"crv\"", "null", "[]", "{}"})
    void fuzzJwkAndJwksData(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        jwkData(text);
        jwksData(text);
    }

    /** JWK-like maps of every key type with real, misplaced and fuzzed members (see {@link FuzzJwks}). */
    @FuzzTest
    void fuzzStructuredJwk(FuzzedDataProvider data) {
        String[] algorithms = ALGORITHMS.get(data.consumeInt(0, ALGORITHMS.size() - 1));
        Map<String, Object> document = FuzzJwks.document(data);
        String json = JsonUtil.toJson(document);
        buildAndUse(json, algorithms);
        jwkData(json);
        jwksData(json);
    }

    static void buildAndUse(String text, String[] algorithms) {
        JwtVerifier verifier;
        try {
            verifier = JwtVerifier.builder().publicKey(text).algorithm(algorithms).clock(FuzzFixtures.CLOCK)
                    .verifiedTokenCacheSize(0).build();
        } catch (IllegalArgumentException e) {
            requireMessage(e);
            FuzzOracles.checkNoKeyMaterial(e.getMessage(), text, "build() error");
            return;
        }
        FuzzOracles.checkNoKeyMaterial(verifier.toString(), text, "JwtVerifier.toString()");
        for (String token : FuzzFixtures.sampleTokens()) {
            FuzzOracles.checkResult(token, verifier.verify(token));
        }
    }

    private static void jwkData(String text) {
        JwkData jwk;
        try {
            jwk = JwkData.fromJson(text);
        } catch (IllegalArgumentException e) {
            requireMessage(e);
            FuzzOracles.checkNoKeyMaterial(e.getMessage(), text, "JwkData.fromJson error");
            return;
        }
        JwkData again = JwkData.fromJson(jwk.toJson());
        if (!again.equals(jwk)) {
            throw new AssertionError("JwkData does not survive toJson and back: " + jwk + " vs " + again);
        }
    }

    private static void jwksData(String text) {
        JwksData set;
        try {
            set = JwksData.fromJson(text);
        } catch (IllegalArgumentException e) {
            requireMessage(e);
            FuzzOracles.checkNoKeyMaterial(e.getMessage(), text, "JwksData.fromJson error");
            return;
        }
        JwksData again = JwksData.fromJson(set.toJson());
        if (!again.equals(set)) {
            throw new AssertionError("JwksData does not survive toJson and back: " + set + " vs " + again);
        }
    }

    static void requireMessage(IllegalArgumentException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("IllegalArgumentException without a message", e);
        }
    }
}
