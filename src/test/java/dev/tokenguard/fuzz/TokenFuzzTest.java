package dev.tokenguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenguard.Rejection;
import dev.tokenguard.StaticTokenVerifier;
import dev.tokenguard.TokenVerifier;
import dev.tokenguard.Verification;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.HmacKey;

/**
 * Fuzzes token verification. Every target hands the verifier whatever the fuzzer makes and checks
 * {@link FuzzOracles}: {@code verify} returns (any exception or error propagates and is a finding), the result
 * is accepted or rejected with a category, the detail is not the safety net's "unexpected ...", no token text
 * is echoed, and no token this test did not sign is ever accepted.
 *
 * <p>In a normal build each target replays its seed corpus in {@code src/test/resources/dev/tokenguard/fuzz/
 * TokenFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} one target is fuzzed (see README.md here).
 */
class TokenFuzzTest {

    private static final JwtVerifier RSA = FuzzFixtures.rsaVerifier();
    private static final JwtVerifier EC = FuzzFixtures.ecVerifier();
    private static final JwtVerifier HS = FuzzFixtures.hsVerifier();
    private static final StaticTokenVerifier STATIC = FuzzFixtures.staticVerifier();

    private static final FuzzOracles.Model RSA_MODEL = new FuzzOracles.Model(Set.of("RS256", "PS256"),
            List.of(FuzzFixtures.ISSUER), List.of(FuzzFixtures.AUDIENCE), List.of("read"), Set.of(), null);
    private static final FuzzOracles.Model EC_MODEL = new FuzzOracles.Model(Set.of("ES256"),
            List.of(FuzzFixtures.ISSUER), List.of(FuzzFixtures.AUDIENCE, FuzzFixtures.OTHER_AUDIENCE), List.of(),
            Set.of(FuzzFixtures.CRITICAL), null);
    private static final FuzzOracles.Model HS_MODEL = new FuzzOracles.Model(Set.of("HS256"),
            List.of(FuzzFixtures.ISSUER), List.of(), List.of("read"), Set.of(),
            FuzzFixtures.HS_MAX_AGE.toMillis());

    /** A key made by {@link RsaKeyPair} in this run, and a token minted with its builder at the fixed clock. */
    private static final RsaKeyPair RUN_KEY = RsaKeyPair.generate();
    private static final JwtVerifier RUN_KEY_VERIFIER = JwtVerifier.builder().publicKey(RUN_KEY.publicKeyPem())
            .issuer(FuzzFixtures.ISSUER).audience(FuzzFixtures.AUDIENCE).requiredScopes("read")
            .clock(FuzzFixtures.CLOCK).build();
    private static final String RUN_KEY_TOKEN = RUN_KEY.token().issuer(FuzzFixtures.ISSUER)
            .audience(FuzzFixtures.AUDIENCE).scopes("read", "admin").keyId("run-key").clock(FuzzFixtures.CLOCK)
            .claim("client_id", "fuzz").create();

    /** The valid tokens a mutation starts from, each with the verifier that accepts it. */
    private record Base(String token, TokenVerifier verifier, FuzzOracles.Model model) {
    }

    private static final List<Base> BASES;

    static {
        Map<String, String> genuine = FuzzFixtures.genuineTokens();
        FuzzOracles.Model runKeyModel = new FuzzOracles.Model(Set.of("RS256"), List.of(FuzzFixtures.ISSUER),
                List.of(FuzzFixtures.AUDIENCE), List.of("read"), Set.of(), null);
        BASES = List.of(new Base(genuine.get("rs256"), RSA, RSA_MODEL), new Base(genuine.get("ps256"), RSA, RSA_MODEL),
                new Base(genuine.get("es256-ec1"), EC, EC_MODEL), new Base(genuine.get("es256-ec2-crit"), EC, EC_MODEL),
                new Base(genuine.get("hs256"), HS, HS_MODEL), new Base(RUN_KEY_TOKEN, RUN_KEY_VERIFIER, runKeyModel),
                new Base(FuzzFixtures.STATIC_ALICE, STATIC, null));
        for (Base b : BASES) {
            if (!b.verifier().verify(b.token()).isAccepted()) {
                throw new IllegalStateException("fixture token refused: " + b.verifier().verify(b.token()));
            }
        }
    }

    // ------------------------------------------------------------------ arbitrary strings as tokens

    @FuzzTest
    @DictionaryEntries({"\"alg\"", "\"kid\"", "\"crit\"", "\"exp\"", "RS256", "PS256", "eyJhbGciOiJ", "eyJ", "."})
    void fuzzRsaVerifier(FuzzedDataProvider data) {
        verifyArbitrary(RSA, RSA_MODEL, data.consumeRemainingAsString());
    }

    @FuzzTest
    @DictionaryEntries({"\"alg\"", "\"kid\"", "\"crit\"", "ES256", "ec-1", "ec-2", "tenant", "eyJhbGciOiJ", "eyJ", "."})
    void fuzzEs256JwksVerifier(FuzzedDataProvider data) {
        verifyArbitrary(EC, EC_MODEL, data.consumeRemainingAsString());
    }

    @FuzzTest
    @DictionaryEntries({"\"alg\"", "\"kid\"", "\"crit\"", "HS256", "HS512", "eyJhbGciOiJ", "eyJ", "."})
    void fuzzHs256Verifier(FuzzedDataProvider data) {
        verifyArbitrary(HS, HS_MODEL, data.consumeRemainingAsString());
    }

    @FuzzTest
    @DictionaryEntries({"dev-token-alice-0123456789", "dev-token-bob-expired-9876543210", "dev-token-"})
    void fuzzStaticVerifier(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        Verification v = STATIC.verify(token);
        FuzzOracles.checkResult(token, v);
        if (v.isAccepted() && !FuzzFixtures.acceptableStaticTokens().contains(token)) {
            throw new AssertionError("static verifier accepted a token that is not a valid entry: " + v);
        }
        if (!v.isAccepted() && FuzzFixtures.acceptableStaticTokens().contains(token)) {
            throw new AssertionError("static verifier refused a valid entry: " + v);
        }
    }

    /** Refused, or a token this test signed that obeys every rule of the verifier's configuration. */
    private static void verifyArbitrary(JwtVerifier verifier, FuzzOracles.Model model, String token) {
        Verification v = verifier.verify(token);
        FuzzOracles.checkResult(token, v);
        FuzzOracles.checkNotForged(token, v, "arbitrary string");
        if (v.isAccepted()) {
            FuzzOracles.checkAcceptedGenuine(token, v.accessToken(), model);
        }
    }

    // ------------------------------------------------------------------ header JSON + payload JSON + signature

    /**
     * Builds a token from fuzzed header JSON, payload JSON and signature bytes, base64url-encoded, so that the
     * fuzzer works on JSON and claims rather than on base64. Input layout (Jazzer's FuzzedDataProvider): the last
     * byte picks the verifier (RSA, EC, HS), the one before the signature mode (0: signed with the fixture key
     * for the header's alg, 1: the fuzzed bytes as signature, 2: signed with a wrong key), the one before a flag
     * (payload as ISO-8859-1 rather than UTF-8); from the start, the header and the payload as strings ended by
     * a backslash and one more byte, and the rest as signature bytes.
     */
    @FuzzTest
    void fuzzStructuredToken(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 2);
        int mode = data.consumeInt(0, 2);
        boolean latin1 = data.consumeBoolean();
        String headerJson = data.consumeString(2048);
        String payloadJson = data.consumeString(8192);
        byte[] fuzzedSignature = data.consumeRemainingAsBytes();

        JwtVerifier verifier = which == 0 ? RSA : which == 1 ? EC : HS;
        FuzzOracles.Model model = which == 0 ? RSA_MODEL : which == 1 ? EC_MODEL : HS_MODEL;
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        byte[] payload = payloadJson.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        String signingInput = FuzzFixtures.b64(header) + "." + FuzzFixtures.b64(payload);

        String alg = signingAlgorithm(headerJson, which);
        byte[] signature = fuzzedSignature;
        boolean genuine = false;
        if (mode == 0 && alg != null) {
            signature = FuzzFixtures.signature(signingInput.getBytes(StandardCharsets.US_ASCII), alg,
                    FuzzFixtures.signingKey(alg, kidOf(headerJson)));
            genuine = true;
        } else if (mode == 2 && alg != null) {
            signature = FuzzFixtures.signature(signingInput.getBytes(StandardCharsets.US_ASCII), alg, wrongKey(alg));
        }
        String token = signingInput + "." + FuzzFixtures.b64(signature);

        Verification v = verifier.verify(token);
        FuzzOracles.checkResult(token, v);
        if (genuine) {
            if (v.isAccepted()) {
                FuzzOracles.checkAcceptedGenuine(token, v.accessToken(), model);
            } else if (v.rejection() == Rejection.BAD_SIGNATURE) {
                throw new AssertionError("a token signed with the verifier's own key for its alg " + alg
                        + " was refused as a bad signature: " + v);
            }
        } else if (v.isAccepted() && !sameAsResigned(signingInput, token, alg, headerJson)) {
            throw new AssertionError("a token not signed with the verifier's key was accepted: " + v);
        }
    }

    /** The alg of the header if the fixtures can sign it for this verifier's key type, else the default. */
    private static String signingAlgorithm(String headerJson, int which) {
        Object alg = null;
        try {
            alg = JsonUtil.parseJson(headerJson).get("alg");
        } catch (Exception | StackOverflowError notJson) {
            // use the default
        }
        Set<String> signable = which == 0 ? Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
                : which == 1 ? Set.of("ES256") : Set.of("HS256");
        if (alg instanceof String s && signable.contains(s)) {
            return s;
        }
        return which == 0 ? "RS256" : which == 1 ? "ES256" : "HS256";
    }

    private static Object kidOf(String headerJson) {
        try {
            return JsonUtil.parseJson(headerJson).get("kid");
        } catch (Exception | StackOverflowError notJson) {
            return null;
        }
    }

    private static Key wrongKey(String alg) {
        if (alg.startsWith("HS")) {
            return new HmacKey(FuzzFixtures.OTHER_SECRET);
        }
        return alg.startsWith("ES") ? UNTRUSTED_EC_KEY : RUN_KEY.privateKey();
    }

    /** An EC key no verifier trusts. */
    private static final Key UNTRUSTED_EC_KEY = ecKey();

    private static Key ecKey() {
        try {
            var g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether an accepted token whose signature came from the fuzzer is still one this test could have signed:
     * a seed-corpus token, or (RSA PKCS#1 v1.5 and HMAC being deterministic) the very token the fixture key gives.
     */
    private static boolean sameAsResigned(String signingInput, String token, String alg, String headerJson) {
        if (FuzzFixtures.isGenuine(token)) {
            return true;
        }
        if (alg == null || !(alg.startsWith("RS") || alg.startsWith("HS"))) {
            return false;
        }
        byte[] resigned = FuzzFixtures.signature(signingInput.getBytes(StandardCharsets.US_ASCII), alg,
                FuzzFixtures.signingKey(alg, kidOf(headerJson)));
        return token.equals(signingInput + "." + FuzzFixtures.b64(resigned));
    }

    // ------------------------------------------------------------------ mutations of valid tokens

    /**
     * Starts from a valid token (one per verifier, the last byte picks it) and applies 1 to 8 edits chosen by
     * the fuzzer: character, insertion, deletion, bit flip inside a decoded part (re-encoded canonically, so the
     * edit reaches the JSON and the signature), a decoded part replaced by fuzzed text, parts swapped or
     * duplicated, padding, the standard base64 alphabet, truncation. Unless the result is the very same
     * string, it must be refused.
     */
    @FuzzTest
    void fuzzMutatedToken(FuzzedDataProvider data) {
        Base base = BASES.get(data.consumeInt(0, BASES.size() - 1));
        int edits = data.consumeInt(1, 8);
        String token = base.token();
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            token = mutate(token, data);
        }
        Verification v = base.verifier().verify(token);
        FuzzOracles.checkResult(token, v);
        // Splicing parts of two valid tokens can rebuild a third valid one (rs256 and ps256 share their claims):
        // acceptance is fine exactly when the result is byte for byte a token this test signed.
        if (v.isAccepted() && !token.equals(base.token())) {
            if (!FuzzFixtures.isGenuine(token)) {
                throw new AssertionError("a mutated token was accepted (base " + BASES.indexOf(base) + "): " + v);
            }
            FuzzOracles.checkAcceptedGenuine(token, v.accessToken(), base.model());
        }
    }

    private static String mutate(String token, FuzzedDataProvider data) {
        int op = data.consumeInt(0, 11);
        int at = token.isEmpty() ? 0 : data.consumeInt(0, token.length());
        String[] parts = token.split("\\.", -1);
        int partIndex = data.consumeInt(0, Math.max(0, parts.length - 1));
        switch (op) {
            case 0: { // replace one character
                if (at < token.length()) {
                    return token.substring(0, at) + data.consumeChar() + token.substring(at + 1);
                }
                return token + data.consumeChar();
            }
            case 1: // insert a string
                return token.substring(0, at) + data.consumeString(32) + token.substring(at);
            case 2: { // delete a range
                int to = Math.min(token.length(), at + data.consumeInt(1, 64));
                return token.substring(0, at) + token.substring(to);
            }
            case 3: { // flip one bit inside a decoded part, re-encode canonically
                byte[] bytes = decode(parts[partIndex]);
                if (bytes == null || bytes.length == 0) {
                    return token;
                }
                int bit = data.consumeInt(0, bytes.length * 8 - 1);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                parts[partIndex] = FuzzFixtures.b64(bytes);
                return String.join(".", parts);
            }
            case 4: // replace a decoded part by fuzzed text (JSON for header and payload)
                parts[partIndex] = FuzzFixtures.b64(data.consumeString(512));
                return String.join(".", parts);
            case 5: { // edit the decoded JSON of a part: insert fuzzed text at a position
                byte[] bytes = decode(parts[partIndex]);
                if (bytes == null) {
                    return token;
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                int pos = data.consumeInt(0, text.length());
                parts[partIndex] = FuzzFixtures.b64(text.substring(0, pos) + data.consumeString(64) + text.substring(pos));
                return String.join(".", parts);
            }
            case 6: { // swap two parts
                int other = data.consumeInt(0, Math.max(0, parts.length - 1));
                String p = parts[partIndex];
                parts[partIndex] = parts[other];
                parts[other] = p;
                return String.join(".", parts);
            }
            case 7: // duplicate a part (more parts, or a JWE-like shape)
                return token + "." + parts[partIndex];
            case 8: // padding
                parts[partIndex] = parts[partIndex] + "=".repeat(data.consumeInt(1, 3));
                return String.join(".", parts);
            case 9: // the standard base64 alphabet
                parts[partIndex] = parts[partIndex].replace('-', '+').replace('_', '/');
                return String.join(".", parts);
            case 10: // truncate
                return token.substring(0, at);
            default: { // take the part from another valid token (splicing)
                String[] donor = BASES.get(data.consumeInt(0, BASES.size() - 1)).token().split("\\.", -1);
                if (partIndex < donor.length) {
                    parts[partIndex] = donor[partIndex];
                }
                return String.join(".", parts);
            }
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
