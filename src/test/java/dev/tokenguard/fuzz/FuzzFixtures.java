package dev.tokenguard.fuzz;

import dev.tokenguard.StaticTokenVerifier;
import dev.tokenguard.jwt.JwtVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jca.ProviderContext;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.keys.HmacKey;

/**
 * Everything the fuzz tests share: fixed keys (so that the valid tokens in the seed corpus stay valid on
 * every run), a fixed clock (so that a finding replays exactly), the verifiers under test, a signer for any
 * header and payload text, and the registry of tokens this test code signed itself ("genuine").
 *
 * <p>The keys below are test keys made for this file; they protect nothing. {@link
 * dev.tokenguard.jwt.RsaKeyPair} makes a fresh key on every call, which would leave every valid seed token
 * invalid on the next run, hence fixed keys here and {@code RsaKeyPair} only where a per-run key is fine.
 */
public final class FuzzFixtures {

    /** The verifiers' clock: 2026-01-01T00:00:00Z. Seed tokens are valid for an hour after it. */
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String ISSUER = "https://issuer.fuzz.test";
    public static final String AUDIENCE = "https://api.fuzz.test";
    public static final String OTHER_AUDIENCE = "https://other.fuzz.test";
    public static final String CRITICAL = "tenant";
    public static final Duration SKEW = Duration.ofSeconds(60);
    public static final Duration HS_MAX_AGE = Duration.ofHours(2);

    // Test-only key material (generated for this file with the JDK's KeyPairGenerator).
    private static final String RSA_PKCS8 = "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCdP0Jmxx4jKWYytGk4r/4ZBSZPE7PJohB/RXMpQIO2LJIo6ej3o7aA5h1fcSACdx5XO1w+52eMG4oIYGASvySFLYS26f3Zi6OcJq+6Bac46/L6C2vjYP70JGQmM3AK2VrzynCFm7NPsZzcq0r84qiNweUuc2zmumwaKNU/ysqRljgYSqwajWk83QZDKWnVsDl1uMqYuhCHUqkXLioJjRb4ssV+71spJNL3ILDedMNTuhP0fJOj1B2SWnY5YfTpbyN04EQjShF9i4dTJzvvY1AW+FSikfJbKuV7J4hlcbQ5RQjmiNKIIztpGPKiH0Xi4vYcID6gWs1sGCKVQRcUl1iRAgMBAAECggEAEW4gLaVXtV0S637tBPAZMevMtcpAzRJuUrU/kSyKDQj+wJNBFCYtBje7vMcc3bkXf2LglEZxR2oMEGaib6GJakvD4MSqM1GTtqzhILUctqYM3mOit2cai7R293cPLdyvBMQFWgIKy8Qr15gTLVnwhhoejdoUkbTLY9Dv5mzTrHR2TQ5EdtE0oVY7aWLDYwmgSY3C2bKnYj54hjAjXpvlaVFtBukyUruiuA7lqJya5OQnF1aEKXhaTfE9pA4HX0fEwM7lJbC6nuAB8SIfSHxwF7u9gRuN3Mil6B2YR/stYHogwwtjfynXHNWpAzCcvufLsRfJpKbGXvxpIaofMKt7IQKBgQDPcl3SMukKk3mcisOldeZ7bo9mYFs+79RkNImTCn0iOUPp532wP4qnOWH16wE+x59zu8vO81/6nWGxV+Xcp7nf7If9uPQL1dP23KF59MhXDpcCcx9bpx9WTENFiEqSk7hyPbY0F5WuC97iT4CXl815A5exD6DPW7lRnbAk/l0/6QKBgQDCDRHjOQpJCl+QJS1Emff3LkI0J4sPOtpOYHqQc1y1L2VUsvnhCx3mMEC9eGbm1NZibb2GcEODc22spJoWIaKD17enQGMn1Yq+4vQLOJ6nDwvfpL3PKcx9qN/Xm9HSGthK/k8wvHKehRLP20+WVF5Ba8nPFBGChXrqemKgwrPSaQKBgFH51c18xM6jHImZ5Fp8Tso0FILWTPh/+aRnhn4OxQhDLO0/x1FgqsAOUwHFDkbqx74KVi2/ywvUKYjVPUaHGVK9u7et4PLUWuDQqxbwfkK4xz/2kku7rQyDMopFo4Js0ZSDgn7vWvzeQAOaeyxslovduZIEpP2MN51i/PqBcgQRAoGAX86eJ0aRSnChsAR67iTqpZKkQyXG5ZUUFaBSwyECA77L096tuquHbpAiVqmsfIlW86/k5AxneO4zlwqJvSWMHHYUCbKjghZPc2GQRj4FLswh+6BVyoODoAMRyVz4Yji404XtyU0xdgyTtiY8jCdJhhlWwTPSVVPb1QrpyR94MwkCgYBVkMqVScniFRLnedeE7D3RBXzPIomlZBQ/u2NPsmCS+6a5OFfiE0Ufg2ktWBbsMf7nRqfbREVVR3jQx4q2Gyls0OJPl8EcbRmtPdEnLU0VIwL5lsBBdnfZxZVt/PZ0QpITfN1V+99NZMegRPN56NqO1C/kHz+U7UTjl/Kg12oQ4A==";
    private static final String RSA_SPKI = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnT9CZsceIylmMrRpOK/+GQUmTxOzyaIQf0VzKUCDtiySKOno96O2gOYdX3EgAnceVztcPudnjBuKCGBgEr8khS2Etun92YujnCavugWnOOvy+gtr42D+9CRkJjNwCtla88pwhZuzT7Gc3KtK/OKojcHlLnNs5rpsGijVP8rKkZY4GEqsGo1pPN0GQylp1bA5dbjKmLoQh1KpFy4qCY0W+LLFfu9bKSTS9yCw3nTDU7oT9HyTo9Qdklp2OWH06W8jdOBEI0oRfYuHUyc772NQFvhUopHyWyrleyeIZXG0OUUI5ojSiCM7aRjyoh9F4uL2HCA+oFrNbBgilUEXFJdYkQIDAQAB";
    private static final String EC1_PKCS8 = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCA4S9xxMH7Ec6OdaMoe4rDRmXomiJGxRKN7pIxEH7a/hQ==";
    private static final String EC1_SPKI = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEZMXqzKCfm/dJpX0CHKuJgwBgOLeXfu0vyDAu/rxxPiEYOx6tGmiGzNwuqt48for2JP+8OlzFwTFLNkxnIf/OJw==";
    private static final String EC2_PKCS8 = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCAhKNCpZQK/hK6img31yRsDGQAG12GWY+IjU/vxas7/uA==";
    private static final String EC2_SPKI = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdv0LIPOk50JoSFtuV59Fxa3bgzaHtFkdSWRE2KTOAG8fkAHItCu6NJaZ82LKawNtUAnbGKd3Oyk/UbVaio1k7A==";
    private static final String HS_SECRET_B64URL = "viQr2ZE4oy2H_SDLd7J12bcvgKughc-E2VvZuAvvCYJ_fbrwFOpiFQ";

    /** JWK members of public keys, for structure-aware key-set inputs. */
    public static final String RSA_N = "nT9CZsceIylmMrRpOK_-GQUmTxOzyaIQf0VzKUCDtiySKOno96O2gOYdX3EgAnceVztcPudnjBuKCGBgEr8khS2Etun92YujnCavugWnOOvy-gtr42D-9CRkJjNwCtla88pwhZuzT7Gc3KtK_OKojcHlLnNs5rpsGijVP8rKkZY4GEqsGo1pPN0GQylp1bA5dbjKmLoQh1KpFy4qCY0W-LLFfu9bKSTS9yCw3nTDU7oT9HyTo9Qdklp2OWH06W8jdOBEI0oRfYuHUyc772NQFvhUopHyWyrleyeIZXG0OUUI5ojSiCM7aRjyoh9F4uL2HCA-oFrNbBgilUEXFJdYkQ";
    public static final String RSA1024_N = "gHVtn-PhI6mbCClPfmTyU7iDbvJFNmeyHbv_c8QfIXFgfph7SMfcODUbuTgkzVYgeUKT184LEnR2k5cLEfK2ABKRtvDr8sSNxA9IPQQeMwoxU4ddOFWUaZLFm_QEBwHJXT6OuQKpKs4QxndAHwALysKKb2DiaRv7f7PhflCwo1s";
    public static final String EC1_X = "ZMXqzKCfm_dJpX0CHKuJgwBgOLeXfu0vyDAu_rxxPiE";
    public static final String EC1_Y = "GDserRpohszcLqrePH6K9iT_vDpcxcExSzZMZyH_zic";
    public static final String EC2_X = "dv0LIPOk50JoSFtuV59Fxa3bgzaHtFkdSWRE2KTOAG8";
    public static final String EC2_Y = "H5AByLQrujSWmfNiymsDbVAJ2xindzspP1G1WoqNZOw";
    public static final String P384_X = "FyEpL_ovHycnGTZ-HPhSWMPlu2hL7HsvP8ueHVpe2pcc-J6AdMk9d8Es5Um5dUDe";
    public static final String P384_Y = "tf73oL11PjckZfrMJ4cnKFWvuDdJKzS1sKo28-OBScRs2__eJxadJaAZu7QXubGx";
    public static final String ED25519_X = "WaunJXQ0O0004EvN31JfODw8qOjOoCAFFUB4yt-kNsM";

    public static final PrivateKey RSA_PRIVATE = privateKey("RSA", RSA_PKCS8);
    public static final PublicKey RSA_PUBLIC = publicKey("RSA", RSA_SPKI);
    public static final PrivateKey EC1_PRIVATE = privateKey("EC", EC1_PKCS8);
    public static final PublicKey EC1_PUBLIC = publicKey("EC", EC1_SPKI);
    public static final PrivateKey EC2_PRIVATE = privateKey("EC", EC2_PKCS8);
    public static final PublicKey EC2_PUBLIC = publicKey("EC", EC2_SPKI);
    public static final byte[] HS_SECRET = Base64.getUrlDecoder().decode(HS_SECRET_B64URL);
    /** A second secret of the same length, for "signed with the wrong key". */
    public static final byte[] OTHER_SECRET = "another-secret-of-forty-bytes-for-fuzz!!".getBytes(StandardCharsets.US_ASCII);

    public static final String RSA_PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(RSA_PUBLIC.getEncoded())
            + "\n-----END PUBLIC KEY-----\n";

    /**
     * The ES256 verifier's key set: ec-1 (alg ES256, use sig), ec-2 (no alg, key_ops verify) and an RSA key
     * published for encryption, which must be skipped.
     */
    public static final String EC_JWKS = JsonUtil.toJson(Map.of("keys", List.of(
            jwk(EC1_PUBLIC, "ec-1", "sig", "ES256", null),
            jwk(EC2_PUBLIC, "ec-2", null, null, List.of("verify")),
            jwk(RSA_PUBLIC, "rsa-enc", "enc", null, null))));

    private static final Set<String> GENUINE = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> NAMED_GENUINE = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Static tokens: alice valid with read, bob expired at the fixed clock, carol without read, an empty entry. */
    public static final String STATIC_ALICE = "dev-token-alice-0123456789";
    public static final String STATIC_BOB = "dev-token-bob-expired-9876543210";
    public static final String STATIC_CAROL = "dev-token-carol-noread-5555";
    public static final String STATIC_DISABLED = "dev-token-disabled-4444";

    private FuzzFixtures() {
    }

    /** (a) A fixed RSA public key (PEM), RS256 and PS256, issuer, audience and scope {@code read} required. */
    public static JwtVerifier rsaVerifier() {
        return JwtVerifier.builder().publicKey(RSA_PUBLIC_PEM).algorithm("RS256", "PS256").issuer(ISSUER)
                .audience(AUDIENCE).requiredScopes("read").clock(CLOCK).build();
    }

    /** (b) The EC key set {@link #EC_JWKS}, ES256, two audiences, {@code crit: ["tenant"]} understood. */
    public static JwtVerifier ecVerifier() {
        return JwtVerifier.builder().publicKey(EC_JWKS).algorithm("ES256").issuer(ISSUER)
                .audience(AUDIENCE, OTHER_AUDIENCE).criticalHeaders(CRITICAL).clock(CLOCK).build();
    }

    /** (c) An HS256 shared secret, issuer, scope {@code read}, tokens at most two hours old. */
    public static JwtVerifier hsVerifier() {
        return JwtVerifier.builder().sharedSecret(HS_SECRET).algorithm("HS256").issuer(ISSUER)
                .requiredScopes("read").maxTokenAge(HS_MAX_AGE).clock(CLOCK).build();
    }

    /** (d) A static token map; scope {@code read} required. */
    public static StaticTokenVerifier staticVerifier() {
        Map<String, Map<String, Object>> tokens = new LinkedHashMap<>();
        tokens.put(STATIC_ALICE, Map.of("client_id", "alice", "scopes", List.of("read", "admin"), "sub", "alice"));
        tokens.put(STATIC_BOB, Map.of("client_id", "bob", "scopes", "read",
                "expires_at", NOW.getEpochSecond() - 10));
        tokens.put(STATIC_CAROL, Map.of("client_id", "carol", "scopes", List.of("write")));
        tokens.put(STATIC_DISABLED, Map.of());
        return new StaticTokenVerifier(tokens, List.of("read"), CLOCK);
    }

    /** The static tokens a {@link #staticVerifier()} may accept. */
    public static Set<String> acceptableStaticTokens() {
        return Set.of(STATIC_ALICE);
    }

    // ---------------------------------------------------------------- signing

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The private key this file signs {@code alg} with (ES256: ec-2's key when {@code kid} is "ec-2"). */
    public static Key signingKey(String alg, Object kid) {
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return RSA_PRIVATE;
        }
        if (alg.equals("ES256")) {
            return "ec-2".equals(kid) ? EC2_PRIVATE : EC1_PRIVATE;
        }
        if (alg.startsWith("HS")) {
            return new HmacKey(HS_SECRET);
        }
        throw new IllegalArgumentException("no fixture key for " + alg);
    }

    /** The raw JWS signature of {@code signingInput}; registers nothing. */
    public static byte[] signature(byte[] signingInput, String alg, Key key) {
        try {
            JsonWebSignatureAlgorithm jose = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                    .getAlgorithm(alg);
            return jose.sign(jose.prepareForSign(key, new ProviderContext()), signingInput);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign with " + alg + ": " + e.getMessage(), e);
        }
    }

    /**
     * A compact JWS over the exact bytes given, signed with {@code key}; registered as genuine when the key is
     * one of the fixture keys (a token signed with an attacker's key must never count as genuine).
     */
    public static String sign(byte[] header, byte[] payload, String alg, Key key) {
        String input = b64(header) + "." + b64(payload);
        String token = input + "." + b64(signature(input.getBytes(StandardCharsets.US_ASCII), alg, key));
        if (isFixtureKey(key)) {
            GENUINE.add(token);
        }
        return token;
    }

    private static boolean isFixtureKey(Key key) {
        return key == RSA_PRIVATE || key == EC1_PRIVATE || key == EC2_PRIVATE
                || (key instanceof HmacKey && java.util.Arrays.equals(key.getEncoded(), HS_SECRET));
    }

    /** Signs header and payload JSON text with this file's key for {@code alg}. */
    public static String sign(String headerJson, String payloadJson, String alg) {
        Object kid = null;
        try {
            kid = JsonUtil.parseJson(headerJson).get("kid");
        } catch (Exception notJson) {
            // no kid then
        }
        return sign(headerJson.getBytes(StandardCharsets.UTF_8), payloadJson.getBytes(StandardCharsets.UTF_8), alg,
                signingKey(alg, kid));
    }

    /** True for tokens this test code signed with a fixture key (in this run or in the seed corpus). */
    public static boolean isGenuine(String token) {
        return GENUINE.contains(token);
    }

    /** Header JSON with alg, typ and optional kid. */
    public static String header(String alg, String kid) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        h.put("typ", "JWT");
        if (kid != null) {
            h.put("kid", kid);
        }
        return JsonUtil.toJson(h);
    }

    /** Claims that pass every verifier here: issuer, audience, scope read, issued a minute ago, an hour left. */
    public static Map<String, Object> validClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("sub", "alice");
        c.put("aud", AUDIENCE);
        c.put("client_id", "fuzz-client");
        c.put("scope", "read write");
        c.put("iat", NOW.getEpochSecond() - 60);
        c.put("nbf", NOW.getEpochSecond() - 60);
        c.put("exp", NOW.getEpochSecond() + 3600);
        return c;
    }

    /**
     * One valid token per verifier, by name: {@code rs256}, {@code ps256}, {@code es256-ec1}, {@code es256-ec2-crit},
     * {@code hs256}. Read from {@code genuine-tokens.txt} (written with the seed corpus, since ECDSA and PSS
     * signatures differ on every signing) or signed now when that file is absent.
     */
    public static synchronized Map<String, String> genuineTokens() {
        if (NAMED_GENUINE.isEmpty()) {
            Map<String, String> fromFile = readGenuineFile();
            if (fromFile.isEmpty()) {
                NAMED_GENUINE.putAll(mintGenuineTokens());
            } else {
                // Named fixtures (rs256, ...) serve as bases; seed tokens (target.name) only count as genuine.
                fromFile.forEach((name, token) -> {
                    if (!name.contains(".")) {
                        NAMED_GENUINE.put(name, token);
                    }
                });
                GENUINE.addAll(fromFile.values());
            }
        }
        return Map.copyOf(NAMED_GENUINE);
    }

    /** For the seed writer: use (and later store) newly signed valid tokens instead of the stored ones. */
    static synchronized Map<String, String> useFreshGenuineTokens() {
        NAMED_GENUINE.clear();
        NAMED_GENUINE.putAll(mintGenuineTokens());
        return Map.copyOf(NAMED_GENUINE);
    }

    /** Fresh valid tokens for each verifier; the seed writer stores them in {@code genuine-tokens.txt}. */
    public static Map<String, String> mintGenuineTokens() {
        Map<String, String> t = new LinkedHashMap<>();
        String claims = JsonUtil.toJson(validClaims());
        t.put("rs256", sign(header("RS256", null), claims, "RS256"));
        t.put("ps256", sign(header("PS256", "any-kid"), claims, "PS256"));
        t.put("es256-ec1", sign(header("ES256", "ec-1"), claims, "ES256"));
        Map<String, Object> crit = new LinkedHashMap<>();
        crit.put("alg", "ES256");
        crit.put("kid", "ec-2");
        crit.put("crit", List.of(CRITICAL));
        crit.put(CRITICAL, "acme");
        Map<String, Object> otherAudience = validClaims();
        otherAudience.put("aud", List.of("https://unrelated.test", OTHER_AUDIENCE));
        t.put("es256-ec2-crit", sign(JsonUtil.toJson(crit), JsonUtil.toJson(otherAudience), "ES256"));
        Map<String, Object> hsClaims = validClaims();
        hsClaims.remove("aud");
        hsClaims.put("scp", List.of("ignored"));
        t.put("hs256", sign(header("HS256", "hs-1"), JsonUtil.toJson(hsClaims), "HS256"));
        return t;
    }

    /** A few tokens any verifier can be asked about (valid for one of them, refused by the others). */
    public static List<String> sampleTokens() {
        List<String> all = new ArrayList<>(genuineTokens().values());
        all.add(STATIC_ALICE);
        return all;
    }

    private static Map<String, String> readGenuineFile() {
        Map<String, String> tokens = new LinkedHashMap<>();
        try (InputStream in = FuzzFixtures.class.getResourceAsStream("genuine-tokens.txt")) {
            if (in == null) {
                return tokens;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    tokens.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return tokens;
    }

    private static Map<String, Object> jwk(PublicKey key, String kid, String use, String alg, List<String> ops) {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(key);
            Map<String, Object> m = new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            m.put("kid", kid);
            if (use != null) {
                m.put("use", use);
            }
            if (alg != null) {
                m.put("alg", alg);
            }
            if (ops != null) {
                m.put("key_ops", ops);
            }
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String algorithm, String pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicKey(String algorithm, String spki) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned big-endian bytes of {@code v}, as JWK members want them. */
    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
