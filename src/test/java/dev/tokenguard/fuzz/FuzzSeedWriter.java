package dev.tokenguard.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.HmacKey;

/**
 * Writes the seed corpus of the fuzz tests (the files Jazzer replays in a normal build) and
 * {@code genuine-tokens.txt}. Not a test. Run it from the project root after changing a target's input
 * layout or the fixtures; it overwrites the files it writes and leaves any other file (saved findings) alone:
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) dev.tokenguard.fuzz.FuzzSeedWriter src/test/resources
 * </pre>
 *
 * Structure-aware seeds are recorded by running the target's own input-building code with a
 * {@link RecordingDataProvider}, so they decode to exactly the choices written here.
 */
public final class FuzzSeedWriter {

    private final Path resources;
    private final Map<String, String> genuine;
    /** Seed tokens signed with a fixture key; they may be accepted, so they go into genuine-tokens.txt. */
    private final Map<String, String> signedSeeds = new LinkedHashMap<>();

    private FuzzSeedWriter(Path resources) {
        this.resources = resources;
        this.genuine = FuzzFixtures.useFreshGenuineTokens();
    }

    public static void main(String[] args) throws Exception {
        FuzzSeedWriter w = new FuzzSeedWriter(Path.of(args.length > 0 ? args[0] : "src/test/resources"));
        w.tokenSeeds();
        w.genuineFile();
        w.structuredTokenSeeds();
        w.mutationSeeds();
        w.keySetSeeds();
        System.out.println("seed corpus written under " + w.resources.toAbsolutePath());
    }

    private void write(String dir, String name, byte[] content) throws IOException {
        Path d = resources.resolve(dir);
        Files.createDirectories(d);
        Files.write(d.resolve(name), content);
    }

    private void write(String dir, String name, String text) throws IOException {
        write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private void genuineFile() throws IOException {
        StringBuilder b = new StringBuilder("# Valid tokens signed with the fixture keys of FuzzFixtures; written by"
                + " FuzzSeedWriter\n# together with the seed corpus (ECDSA and PSS signatures differ on every"
                + " signing).\n");
        genuine.forEach((name, token) -> b.append(name).append('=').append(token).append('\n'));
        signedSeeds.forEach((name, token) -> {
            if (!genuine.containsValue(token)) {
                b.append(name).append('=').append(token).append('\n');
            }
        });
        write("dev/tokenguard/fuzz", "genuine-tokens.txt", b.toString());
    }

    // ------------------------------------------------------------------ tokens as plain strings

    private static Map<String, Object> claims() {
        return FuzzFixtures.validClaims();
    }

    private static Map<String, Object> claims(String name, Object value) {
        Map<String, Object> c = claims();
        if (value == REMOVE) {
            c.remove(name);
        } else {
            c.put(name, value);
        }
        return c;
    }

    private static final Object REMOVE = new Object();

    private static String signed(String alg, String kid, Map<String, Object> claims) {
        return FuzzFixtures.sign(FuzzFixtures.header(alg, kid), JsonUtil.toJson(claims), alg);
    }

    private static String signedText(String headerJson, String payloadJson, String alg) {
        return FuzzFixtures.sign(headerJson, payloadJson, alg);
    }

    private static String unsigned(String headerJson, String payloadJson, String signature) {
        return FuzzFixtures.b64(headerJson) + "." + FuzzFixtures.b64(payloadJson) + "." + signature;
    }

    private void tokenSeeds() throws Exception {
        long now = FuzzFixtures.NOW.getEpochSecond();
        String claims = JsonUtil.toJson(claims());
        String dir = "dev/tokenguard/fuzz/TokenFuzzTestInputs/";

        // Shapes every JWT verifier must refuse the same way.
        Map<String, String> common = new LinkedHashMap<>();
        common.put("empty", "");
        common.put("dots_only", "..");
        common.put("alg_none", unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims, ""));
        common.put("alg_none_upper_junk_sig", unsigned("{\"alg\":\"NONE\"}", claims, FuzzFixtures.b64("junk")));
        common.put("five_parts_jwe", FuzzFixtures.b64("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}") + "..AAAA.AAAA.AAAA");
        common.put("duplicate_alg", unsigned("{\"alg\":\"none\",\"alg\":\"RS256\"}", claims, "AAAA"));
        common.put("header_nested_40", unsigned("{\"alg\":\"RS256\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
                claims, "AAAA"));
        common.put("not_json_header", unsigned("alg=RS256", claims, "AAAA"));
        common.put("utf16_header", FuzzFixtures.b64("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_16))
                + "." + FuzzFixtures.b64(claims) + ".AAAA");
        common.put("trailing_newline", genuine.get("rs256") + "\n");
        common.put("bearer_prefix", "Bearer " + genuine.get("es256-ec1"));

        Map<String, String> rsa = new LinkedHashMap<>(common);
        rsa.put("valid_rs256", genuine.get("rs256"));
        rsa.put("valid_ps256_any_kid", genuine.get("ps256"));
        rsa.put("expired", signed("RS256", null, claims("exp", now - 3600)));
        rsa.put("expired_within_skew", signed("RS256", null, claims("exp", now - 30)));
        rsa.put("wrong_audience", signed("RS256", null, claims("aud", "https://evil.test")));
        rsa.put("audience_list", signed("RS256", null, claims("aud", List.of("x", FuzzFixtures.AUDIENCE))));
        rsa.put("wrong_issuer", signed("RS256", null, claims("iss", "https://evil.test")));
        rsa.put("missing_scope", signed("RS256", null, claims("scope", "write")));
        rsa.put("scope_list_non_string", signed("RS256", null, claims("scope", List.of("read", 7))));
        rsa.put("no_exp", signed("RS256", null, claims("exp", REMOVE)));
        rsa.put("exp_string", signed("RS256", null, claims("exp", "1767229200")));
        rsa.put("exp_fraction", signedText(FuzzFixtures.header("RS256", null),
                claims.replace("\"exp\":1767229200", "\"exp\":1767225540.0005"), "RS256"));
        rsa.put("exp_1e400", signedText(FuzzFixtures.header("RS256", null),
                claims.replace("\"exp\":1767229200", "\"exp\":1e400"), "RS256"));
        rsa.put("exp_after_9999", signed("RS256", null, claims("exp", 253_402_300_800L)));
        rsa.put("exp_huge_integer", signedText(FuzzFixtures.header("RS256", null),
                claims.replace("\"exp\":1767229200", "\"exp\":123456789012345678901234567890"), "RS256"));
        rsa.put("nbf_future", signed("RS256", null, claims("nbf", now + 3600)));
        rsa.put("iat_future", signed("RS256", null, claims("iat", now + 3600)));
        rsa.put("sub_number", signed("RS256", null, claims("sub", 42)));
        rsa.put("claims_duplicate_scope", signedText(FuzzFixtures.header("RS256", null),
                claims.replace("\"scope\":\"read write\"", "\"scope\":\"write\",\"scope\":\"read\""), "RS256"));
        rsa.put("claims_invalid_utf8", FuzzFixtures.sign(FuzzFixtures.header("RS256", null)
                .getBytes(StandardCharsets.UTF_8), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                "RS256", FuzzFixtures.RSA_PRIVATE));
        rsa.put("rs512_not_allowed", signed("RS512", null, claims()));
        rsa.put("hs256_keyed_with_pem", FuzzFixtures.sign(FuzzFixtures.header("HS256", null)
                .getBytes(StandardCharsets.UTF_8), claims.getBytes(StandardCharsets.UTF_8), "HS256",
                new HmacKey(FuzzFixtures.RSA_PUBLIC_PEM.getBytes(StandardCharsets.US_ASCII))));
        rsa.put("padded_signature", genuine.get("rs256") + "==");
        rsa.put("standard_alphabet", genuine.get("rs256").replace('-', '+').replace('_', '/'));
        rsa.put("crit_unknown", signedText("{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}", claims, "RS256"));
        rsa.put("too_large", "eyJ" + "A".repeat(16_400) + ".e30.AAAA");
        String rsaValid = genuine.get("rs256");
        rsa.put("signature_removed", rsaValid.substring(0, rsaValid.lastIndexOf('.') + 1));
        rsa.put("signature_truncated", rsaValid.substring(0, rsaValid.length() - 4));
        writeAll(dir + "fuzzRsaVerifier", rsa);

        Map<String, String> ec = new LinkedHashMap<>(common);
        ec.put("valid_ec1", genuine.get("es256-ec1"));
        ec.put("valid_ec2_crit_other_audience", genuine.get("es256-ec2-crit"));
        ec.put("kid_unknown", signed("ES256", "ec-3", claims()));
        ec.put("no_kid_two_keys_fit", signed("ES256", null, claims()));
        ec.put("kid_number", signedText("{\"alg\":\"ES256\",\"kid\":1}", claims, "ES256"));
        ec.put("kid_of_encryption_key", signedText("{\"alg\":\"ES256\",\"kid\":\"rsa-enc\"}", claims, "ES256"));
        ec.put("crit_missing_member", signedText("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"tenant\"]}", claims,
                "ES256"));
        ec.put("crit_registered_name", signedText("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"alg\"]}", claims,
                "ES256"));
        ec.put("crit_empty", signedText("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[]}", claims, "ES256"));
        ec.put("es384_not_allowed", unsigned("{\"alg\":\"ES384\",\"kid\":\"ec-1\"}", claims,
                FuzzFixtures.b64(new byte[96])));
        String ecInput = FuzzFixtures.b64(FuzzFixtures.header("ES256", "ec-1")) + "." + FuzzFixtures.b64(claims);
        ec.put("psychic_signature_zeros", ecInput + "." + FuzzFixtures.b64(new byte[64]));
        ec.put("signature_63_bytes", ecInput + "." + FuzzFixtures.b64(new byte[63]));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(FuzzFixtures.EC1_PRIVATE);
        der.update(ecInput.getBytes(StandardCharsets.US_ASCII));
        ec.put("signature_der_encoded", ecInput + "." + FuzzFixtures.b64(der.sign()));
        byte[] rIsN = new byte[64];
        byte[] n = FuzzFixtures.unsigned(((java.security.interfaces.ECPublicKey) FuzzFixtures.EC1_PUBLIC).getParams()
                .getOrder());
        System.arraycopy(n, 0, rIsN, 0, 32);
        rIsN[63] = 1;
        ec.put("signature_r_equals_n", ecInput + "." + FuzzFixtures.b64(rIsN));
        ec.put("wrong_audience_list", signed("ES256", "ec-1", claims("aud", List.of("a", "b"))));
        ec.put("rs256_token", genuine.get("rs256"));
        writeAll(dir + "fuzzEs256JwksVerifier", ec);

        Map<String, String> hs = new LinkedHashMap<>(common);
        hs.put("valid_hs256", genuine.get("hs256"));
        hs.put("too_old", signed("HS256", null, claims("iat", now - 3 * 3600)));
        hs.put("no_iat", signed("HS256", null, claims("iat", REMOVE)));
        hs.put("scope_empty_uses_no_scp", signed("HS256", null, claims("scope", "")));
        hs.put("scp_list_read", signed("HS256", null, claimsWithout("scope", "scp", List.of("read"))));
        hs.put("scope_null", signed("HS256", null, claims("scope", null)));
        hs.put("hs512_not_allowed", unsigned("{\"alg\":\"HS512\"}", claims, FuzzFixtures.b64(new byte[64])));
        hs.put("other_secret", FuzzFixtures.sign(FuzzFixtures.header("HS256", null).getBytes(StandardCharsets.UTF_8),
                claims.getBytes(StandardCharsets.UTF_8), "HS256", new HmacKey(FuzzFixtures.OTHER_SECRET)));
        hs.put("rs256_token", genuine.get("rs256"));
        hs.put("exp_null", signed("HS256", null, claims("exp", null)));
        // FINDING (fuzzStructuredToken, crash-a1d413f2...): jose4j's JSON parser, which TokenGuard uses, accepts
        // text that is not JSON (RFC 8259), so TokenGuard accepts these validly signed tokens. They fail until the
        // library refuses non-JSON headers and payloads (README, "What is checked", rule 2).
        String hsClaims = JsonUtil.toJson(claims("aud", REMOVE));
        hs.put("finding_raw_newline_in_claim", signedText(FuzzFixtures.header("HS256", null),
                hsClaims.replace("\"sub\":\"alice\"", "\"sub\":\"ali\nce\""), "HS256"));
        hs.put("finding_missing_comma_between_claims", signedText(FuzzFixtures.header("HS256", null),
                hsClaims.replace("\"alice\",", "\"alice\" "), "HS256"));
        writeAll(dir + "fuzzHs256Verifier", hs);

        Map<String, String> st = new LinkedHashMap<>();
        st.put("alice", FuzzFixtures.STATIC_ALICE);
        st.put("bob_expired", FuzzFixtures.STATIC_BOB);
        st.put("carol_without_read", FuzzFixtures.STATIC_CAROL);
        st.put("disabled_entry", FuzzFixtures.STATIC_DISABLED);
        st.put("alice_trailing_space", FuzzFixtures.STATIC_ALICE + " ");
        st.put("alice_upper", FuzzFixtures.STATIC_ALICE.toUpperCase());
        st.put("empty", "");
        st.put("jwt", genuine.get("hs256"));
        // Found by fuzzing: a part that coincides with fixed detail text ("token not in the static map") is no leak.
        st.put("fixed_text_coincidence", "tok.token noti. token not ...");
        writeAll(dir + "fuzzStaticVerifier", st);
    }

    private static Map<String, Object> claimsWithout(String removed, String name, Object value) {
        Map<String, Object> c = claims();
        c.remove(removed);
        c.put(name, value);
        return c;
    }

    private void writeAll(String dir, Map<String, String> seeds) throws IOException {
        for (Map.Entry<String, String> e : seeds.entrySet()) {
            write(dir, e.getKey(), e.getValue());
            if (FuzzFixtures.isGenuine(e.getValue())) {
                signedSeeds.put(dir.substring(dir.lastIndexOf('/') + 1) + "." + e.getKey(), e.getValue());
            }
        }
    }

    // ------------------------------------------------------------------ structure-aware token seeds

    private void structuredTokenSeeds() throws IOException {
        String dir = "dev/tokenguard/fuzz/TokenFuzzTestInputs/fuzzStructuredToken";
        long now = FuzzFixtures.NOW.getEpochSecond();
        String claims = JsonUtil.toJson(claims());
        Map<String, Object> hsClaims = claims();
        hsClaims.remove("aud");
        String hs = JsonUtil.toJson(hsClaims);
        TokenFuzzTest target = new TokenFuzzTest();
        Map<String, Object[]> seeds = new LinkedHashMap<>();
        // which (0 RSA, 1 EC, 2 HS), mode (0 signed, 1 fuzzed signature, 2 wrong key), latin1, header, payload, signature
        seeds.put("rsa_valid", new Object[] {0, 0, false, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, new byte[0]});
        seeds.put("rsa_ps256", new Object[] {0, 0, false, "{\"alg\":\"PS256\"}", claims, new byte[0]});
        seeds.put("rsa_expired", new Object[] {0, 0, false, "{\"alg\":\"RS256\"}",
            JsonUtil.toJson(claims("exp", now - 61)), new byte[0]});
        seeds.put("rsa_fuzzed_signature", new Object[] {0, 1, false, "{\"alg\":\"RS256\"}", claims, new byte[256]});
        seeds.put("ec_valid_kid_ec1", new Object[] {1, 0, false, "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claims,
            new byte[0]});
        seeds.put("ec_crit_tenant", new Object[] {1, 0, false,
            "{\"alg\":\"ES256\",\"kid\":\"ec-2\",\"crit\":[\"tenant\"],\"tenant\":\"t\"}", claims, new byte[0]});
        seeds.put("ec_no_kid", new Object[] {1, 0, false, "{\"alg\":\"ES256\"}", claims, new byte[0]});
        seeds.put("ec_wrong_key", new Object[] {1, 2, false, "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claims,
            new byte[0]});
        seeds.put("hs_valid", new Object[] {2, 0, false, "{\"alg\":\"HS256\"}", hs, new byte[0]});
        seeds.put("hs_escapes_and_unicode", new Object[] {2, 0, false, "{\"alg\":\"HS\\u0032\\u0035\\u0036\"}",
            hs.replace("\"sub\":\"alice\"", "\"sub\":\"al\\\"ice\\u00e9 \u00e9\\n\""), new byte[0]});
        seeds.put("hs_latin1_payload", new Object[] {2, 0, true, "{\"alg\":\"HS256\"}",
            hs.replace("alice", "al\u00efce"), new byte[0]});
        seeds.put("hs_too_old", new Object[] {2, 0, false, "{\"alg\":\"HS256\"}",
            JsonUtil.toJson(claims("iat", now - 3 * 3600)), new byte[0]});
        seeds.put("hs_duplicate_nested", new Object[] {2, 0, false, "{\"alg\":\"HS256\"}",
            hs.replace("{\"iss\"", "{\"x\":{\"a\":1,\"a\":2},\"iss\""), new byte[0]});
        seeds.put("hs_deep_nesting", new Object[] {2, 0, false, "{\"alg\":\"HS256\"}",
            hs.replace("{\"iss\"", "{\"x\":" + "[".repeat(33) + "]".repeat(33) + ",\"iss\""), new byte[0]});
        seeds.put("hs_exp_double_scope_list", new Object[] {2, 0, false, "{\"alg\":\"HS256\"}",
            hs.replace("\"exp\":1767229200", "\"exp\":1767229200.25").replace("\"scope\":\"read write\"",
                "\"scope\":[\" read \",\"write\"]"), new byte[0]});
        seeds.put("hs_numbers", new Object[] {2, 0, false, "{\"alg\":\"HS256\"}",
            hs.replace("{\"iss\"", "{\"n\":[-0,1E+2,-1.5e-3,9223372036854775807],\"iss\""), new byte[0]});
        seeds.put("hs_wrong_key", new Object[] {2, 2, false, "{\"alg\":\"HS256\"}", hs, new byte[0]});
        seeds.put("hs_fuzzed_signature", new Object[] {2, 1, false, "{\"alg\":\"HS256\"}", hs, new byte[32]});
        for (Map.Entry<String, Object[]> e : seeds.entrySet()) {
            RecordingDataProvider data = new RecordingDataProvider(e.getValue());
            target.fuzzStructuredToken(data);
            write(dir, e.getKey(), data.bytes());
        }
    }

    // ------------------------------------------------------------------ mutation seeds

    private void mutationSeeds() throws IOException {
        String dir = "dev/tokenguard/fuzz/TokenFuzzTestInputs/fuzzMutatedToken";
        TokenFuzzTest target = new TokenFuzzTest();
        Map<String, Object[]> seeds = new LinkedHashMap<>();
        String[] names = {"rs256", "ps256", "es256_ec1", "es256_ec2_crit", "hs256", "run_key", "static"};
        for (int base = 0; base < names.length; base++) {
            seeds.put("unchanged_" + names[base], new Object[] {base, 1});
        }
        // base, edits, then per edit: op, position, part, op-specific values
        seeds.put("rs256_flip_payload_bit", new Object[] {0, 1, 3, 0, 1, 100});
        seeds.put("rs256_header_alg_none", new Object[] {0, 1, 4, 0, 0, "{\"alg\":\"none\"}"});
        seeds.put("rs256_claims_insert", new Object[] {0, 1, 5, 0, 1, 1, "\"scope\":\"admin\","});
        seeds.put("rs256_swap_header_payload", new Object[] {0, 1, 6, 0, 0, 1});
        seeds.put("es256_signature_from_ps256", new Object[] {2, 1, 11, 0, 2, 1});
        seeds.put("es256_padding", new Object[] {2, 1, 8, 0, 2, 2});
        seeds.put("hs256_insert_char", new Object[] {4, 2, 0, 5, 0, 'x', 10, 40, 0});
        seeds.put("hs256_standard_alphabet", new Object[] {4, 1, 9, 0, 2});
        seeds.put("hs256_delete_range", new Object[] {4, 1, 2, 30, 1, 12});
        seeds.put("static_insert", new Object[] {6, 1, 1, 3, 0, "\u00e9"});
        seeds.put("run_key_duplicate_part", new Object[] {5, 1, 7, 0, 2});
        for (Map.Entry<String, Object[]> e : seeds.entrySet()) {
            RecordingDataProvider data = new RecordingDataProvider(e.getValue());
            target.fuzzMutatedToken(data);
            write(dir, e.getKey(), data.bytes());
        }
    }

    // ------------------------------------------------------------------ key sets

    private void keySetSeeds() throws IOException {
        String fuzzDir = "dev/tokenguard/fuzz/KeySetFuzzTestInputs/";
        String jwtDir = "dev/tokenguard/jwt/FuzzKeySetParsingTestInputs/";
        KeySetFuzzTest target = new KeySetFuzzTest();

        String rsaJwk = JsonUtil.toJson(Map.of("kty", "RSA", "kid", "k1", "use", "sig", "alg", "RS256",
                "n", FuzzFixtures.RSA_N, "e", "AQAB"));
        String ecJwk = JsonUtil.toJson(Map.of("kty", "EC", "crv", "P-256", "x", FuzzFixtures.EC1_X,
                "y", FuzzFixtures.EC1_Y, "kid", "ec-1"));
        String edJwk = JsonUtil.toJson(Map.of("kty", "OKP", "crv", "Ed25519", "x", FuzzFixtures.ED25519_X));
        String octJwk = JsonUtil.toJson(Map.of("kty", "oct", "k", FuzzFixtures.b64(FuzzFixtures.HS_SECRET), "kid", "s"));
        String weakRsa = JsonUtil.toJson(Map.of("kty", "RSA", "n", FuzzFixtures.RSA1024_N, "e", "AQAB"));
        String offCurve = JsonUtil.toJson(Map.of("kty", "EC", "crv", "P-256", "x", FuzzFixtures.EC1_X,
                "y", FuzzFixtures.EC2_Y));
        String spki = Base64.getEncoder().encodeToString(FuzzFixtures.RSA_PUBLIC.getEncoded());
        String ecPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                FuzzFixtures.EC1_PUBLIC.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        byte[] rsaDer = FuzzFixtures.RSA_PUBLIC.getEncoded();
        // The PKCS#1 RSAPublicKey inside the SPKI: skip the 24-byte SPKI prefix of a 2048-bit key.
        String pkcs1Pem = "-----BEGIN RSA PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                java.util.Arrays.copyOfRange(rsaDer, 24, rsaDer.length)) + "\n-----END RSA PUBLIC KEY-----\n";
        String privatePem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                FuzzFixtures.EC1_PRIVATE.getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        // fuzzPublicKeyText: algorithm list index (see KeySetFuzzTest.ALGORITHMS), then the text.
        Map<String, Object[]> text = new LinkedHashMap<>();
        text.put("rsa_pem_rs256", new Object[] {0, FuzzFixtures.RSA_PUBLIC_PEM});
        text.put("rsa_pem_escaped_newlines", new Object[] {0, FuzzFixtures.RSA_PUBLIC_PEM.replace("\n", "\\n")});
        text.put("rsa_pkcs1_pem", new Object[] {0, pkcs1Pem});
        text.put("rsa_bare_base64_spki", new Object[] {0, spki});
        text.put("ec_pem_es256", new Object[] {1, ecPem});
        text.put("ec_pem_for_rs256", new Object[] {0, ecPem});
        text.put("private_key_pem", new Object[] {1, privatePem});
        text.put("pem_without_end", new Object[] {0, "-----BEGIN PUBLIC KEY-----\nMIIB\n"});
        text.put("pem_with_hs256", new Object[] {2, FuzzFixtures.RSA_PUBLIC_PEM});
        text.put("secret_hs256", new Object[] {2, "a-shared-secret-of-at-least-32-bytes!!"});
        text.put("secret_short_hs512", new Object[] {5, "a-shared-secret-of-at-least-32-bytes!!"});
        text.put("oct_jwk_hs256", new Object[] {2, octJwk});
        text.put("rsa_jwk", new Object[] {4, rsaJwk});
        text.put("ec_jwks", new Object[] {4, FuzzFixtures.EC_JWKS});
        text.put("ed25519_jwk", new Object[] {3, edJwk});
        text.put("weak_rsa_jwk", new Object[] {0, weakRsa});
        text.put("off_curve_ec_jwk", new Object[] {1, offCurve});
        text.put("mixed_oct_and_rsa", new Object[] {4, "{\"keys\":[" + octJwk + "," + rsaJwk + "]}"});
        text.put("json_not_object", new Object[] {0, "{\"keys\":[1,2"});
        text.put("garbage", new Object[] {0, "not a key"});
        // Found by fuzzing: key text equal to the example in the error message is no leak of key material.
        text.put("fixed_text_example_armor", new Object[] {1, "-BEGIN PUBLIC KEY-----"});
        for (Map.Entry<String, Object[]> e : text.entrySet()) {
            RecordingDataProvider data = new RecordingDataProvider(e.getValue());
            target.fuzzPublicKeyText(data);
            write(fuzzDir + "fuzzPublicKeyText", e.getKey(), data.bytes());
        }

        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("ec_jwks", FuzzFixtures.EC_JWKS);
        documents.put("rsa_and_ec", "{\"keys\":[" + rsaJwk + "," + ecJwk + "]}");
        documents.put("single_jwk", rsaJwk);
        documents.put("duplicate_kid", "{\"keys\":[" + ecJwk + "," + ecJwk + "]}");
        documents.put("mixed_oct_and_rsa", "{\"keys\":[" + octJwk + "," + rsaJwk + "]}");
        documents.put("only_encryption_key", "{\"keys\":[" + rsaJwk.replace("\"sig\"", "\"enc\"") + "]}");
        documents.put("key_ops_sign_only", "{\"keys\":[" + ecJwk.replace("{", "{\"key_ops\":[\"sign\"],") + "]}");
        documents.put("weak_and_off_curve", "{\"keys\":[" + weakRsa + "," + offCurve + "," + edJwk + "]}");
        documents.put("x25519", "{\"keys\":[" + edJwk.replace("Ed25519", "X25519") + "]}");
        documents.put("x5c_not_strings", "{\"keys\":[" + rsaJwk.replace("{", "{\"x5c\":[1,{}],") + "]}");
        documents.put("keys_not_list", "{\"keys\":{\"kty\":\"RSA\"}}");
        documents.put("keys_mixed_values", "{\"keys\":[null,1,\"x\",[]," + ecJwk + "]}");
        documents.put("duplicate_member", "{\"keys\":[],\"keys\":[" + ecJwk + "]}");
        documents.put("not_json", "<html>502 Bad Gateway</html>");
        documents.put("run_key_jwk", "{\"keys\":[" + dev.tokenguard.jwt.RsaKeyPair.generate().toJwk("run").toJson() + "]}");
        for (Map.Entry<String, String> e : documents.entrySet()) {
            write(fuzzDir + "fuzzJwkAndJwksData", e.getKey(), e.getValue());
            write(jwtDir + "fuzzFetchedKeySetDocument", e.getKey(), e.getValue());
        }

        // Structured documents (FuzzJwks.document): shape, count, then per JWK: kty, members, optional bits, ...
        Map<String, Object[]> structured = new LinkedHashMap<>();
        structured.put("ec_and_rsa_with_metadata", new Object[] {0, 2,
            1, 0, 0, 7, 2, 0, 2, // EC, crv P-256, point ec-1; kid ec-1, use sig, alg ES256
            0, 0, 0, false, 1, 0}); // RSA, real n, e AQAB, no d; kid k1
        structured.put("weak_rsa_single", new Object[] {1, 0, 1, 0, false, 0});
        structured.put("off_curve_ec", new Object[] {0, 1, 1, 0, 3, 0});
        structured.put("p384_point_as_p256", new Object[] {0, 1, 1, 0, 2, 0});
        structured.put("oct_then_rsa", new Object[] {0, 2, 3, 40, new byte[40], 0, 0, 0, 0, false, 0});
        structured.put("ed25519_key_ops_verify", new Object[] {0, 1, 2, 0, 0, 8, 0});
        structured.put("duplicate_kid", new Object[] {0, 2, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0});
        structured.put("rsa_use_enc", new Object[] {0, 1, 0, 0, 0, false, 2, 1});
        structured.put("kty_unknown_and_value", new Object[] {3, 4, "foo", 0, 4, "x", 1, 0, 0, 0});
        structured.put("rsa_even_exponent_alg_es256", new Object[] {0, 1, 0, 0, 3, false, 4, 2});
        for (Map.Entry<String, Object[]> e : structured.entrySet()) {
            RecordingDataProvider plain = new RecordingDataProvider(e.getValue());
            FuzzJwks.document(plain);
            write(jwtDir + "fuzzStructuredKeySet", e.getKey(), plain.bytes());
            Object[] withAlgorithms = new Object[e.getValue().length + 1];
            withAlgorithms[0] = 4; // RS256, PS256, ES256, ES384, ES512, EdDSA
            System.arraycopy(e.getValue(), 0, withAlgorithms, 1, e.getValue().length);
            RecordingDataProvider data = new RecordingDataProvider(withAlgorithms);
            target.fuzzStructuredJwk(data);
            write(fuzzDir + "fuzzStructuredJwk", e.getKey(), data.bytes());
        }
    }
}
