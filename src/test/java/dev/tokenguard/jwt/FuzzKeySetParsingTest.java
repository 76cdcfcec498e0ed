package dev.tokenguard.jwt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenguard.fuzz.FuzzJwks;
import dev.tokenguard.fuzz.FuzzOracles;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;

/**
 * Fuzzes the parser of fetched key sets exactly as {@link RemoteKeySet} runs it: {@link JsonObjects#parse} on
 * the response body, then {@link KeyMaterial#parseKeySet}. In production any other exception from these is
 * swallowed by the refresh ("could not refresh key set ... keeping the last good key set"), so a bug here
 * would hide as a key server that seems down; here it is a finding.
 *
 * <p>Acceptable: a {@link RejectionException} from the JSON parser, or an {@link IllegalArgumentException} with a message
 * that repeats no key material. A key set that parses must hold what the README promises: at least one key,
 * no secrets mixed with public keys, no two keys of one type with the same {@code kid}, RSA keys of 2048 bits
 * or more with an odd exponent of at least 3, EC keys on P-256/384/521, Ed25519 only, secrets of 32 bytes or
 * more; and key selection for every algorithm must answer with a key or a refusal.
 */
class FuzzKeySetParsingTest {

    @FuzzTest
    @DictionaryEntries({"\"keys\"", "\"kty\"", "\"RSA\"", "\"EC\"", "\"OKP\"", "\"oct\"", "\"crv\"", "\"P-256\"",
        "\"Ed25519\"", "\"use\"", "\"sig\"", "\"key_ops\"", "\"verify\"", "\"kid\"", "\"alg\"", "\"AQAB\""})
    void fuzzFetchedKeySetDocument(FuzzedDataProvider data) {
        parseFetched(data.consumeRemainingAsString());
    }

    @FuzzTest
    void fuzzStructuredKeySet(FuzzedDataProvider data) {
        Map<String, Object> document = FuzzJwks.document(data);
        parseFetched(JsonUtil.toJson(document));
    }

    private static void parseFetched(String body) {
        Map<String, Object> json;
        try {
            json = JsonObjects.parse(body, "key set");
        } catch (RejectionException notJson) {
            if (notJson.getMessage() == null) {
                throw new AssertionError("refusal without a message");
            }
            FuzzOracles.checkNoKeyMaterial(notJson.getMessage(), body, "JSON refusal");
            return;
        }
        KeyMaterial.KeySet set;
        try {
            set = KeyMaterial.parseKeySet(json);
        } catch (IllegalArgumentException unusable) {
            if (unusable.getMessage() == null || unusable.getMessage().isBlank()) {
                throw new AssertionError("IllegalArgumentException without a message", unusable);
            }
            FuzzOracles.checkNoKeyMaterial(unusable.getMessage(), body, "parseKeySet error");
            return;
        }
        checkKeySet(set, body);
    }

    private static void checkKeySet(KeyMaterial.KeySet set, String body) {
        for (String skipped : set.skipped()) {
            FuzzOracles.checkNoKeyMaterial(skipped, body, "skipped-key note");
        }
        if (set.keys().isEmpty()) {
            return; // the issuer's answer that no key is valid: RemoteKeySet refuses every token with it
        }
        boolean symmetric = set.keys().get(0).isSymmetric();
        Set<String> ids = new HashSet<>();
        for (VerificationKey key : set.keys()) {
            FuzzOracles.checkNoKeyMaterial(key.describe(), body, "key description");
            if (key.isSymmetric() != symmetric) {
                throw new AssertionError("secrets mixed with public keys: " + set.keys());
            }
            if (key.keyId() != null && !ids.add(key.keyId() + '\0' + key.family() + '\0' + key.curve())) {
                throw new AssertionError("two " + key.family() + " keys share a kid");
            }
            switch (key.family()) {
                case RSA -> {
                    RSAPublicKey rsa = (RSAPublicKey) key.key();
                    BigInteger e = rsa.getPublicExponent();
                    if (rsa.getModulus().bitLength() < 2048 || !e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
                        throw new AssertionError("weak RSA key accepted: " + key.describe());
                    }
                }
                case EC -> {
                    if (!Set.of("P-256", "P-384", "P-521").contains(key.curve())) {
                        throw new AssertionError("EC key on " + key.curve() + " accepted");
                    }
                }
                case OKP -> {
                    if (!"Ed25519".equals(key.curve())) {
                        throw new AssertionError("OKP key on " + key.curve() + " accepted");
                    }
                }
                case HMAC -> {
                    if (key.key().getEncoded().length < 32) {
                        throw new AssertionError("short secret accepted: " + key.describe());
                    }
                }
            }
            if (key.use() != null && !"sig".equals(key.use())) {
                throw new AssertionError("key with use " + key.use() + " accepted");
            }
            if (key.keyOps() != null && !key.keyOps().contains("verify")) {
                throw new AssertionError("key without key_ops verify accepted");
            }
        }
        for (Algorithm alg : Algorithm.values()) {
            for (String kid : new String[] {null, "k1", "ec-1", set.keys().get(0).keyId()}) {
                try {
                    VerificationKey chosen = KeySelector.select(set.keys(), new JoseHeader(alg, kid));
                    if (!chosen.fits(alg)) {
                        throw new AssertionError("selected a key that does not fit " + alg + ": " + chosen);
                    }
                } catch (RejectionException refusal) {
                    // no key for this header: fine
                }
            }
        }
    }
}
