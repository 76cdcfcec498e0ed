package dev.tokenguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

/**
 * The tokens and keys every benchmark verifies: for each algorithm, 50 keys ({@code key-0} … {@code key-49}),
 * published as a JWK Set, and tokens signed by {@code key-49}, the LAST key of the set (the worst case for a
 * verifier that scans the set). The one-key set holds {@code key-49} alone, so the same token serves both.
 *
 * <p>Generated once into {@code target/fixtures/<alg>/} (RSA key generation takes seconds) and read by every
 * JMH fork, so all implementations, forks and thread counts see byte-identical tokens. Delete the folder to
 * make new ones.
 */
public final class Fixtures {

    public static final String ISSUER = "https://issuer.example.com";
    public static final String AUDIENCE = "https://api.example.com";
    public static final String KID = "key-49";
    public static final int KEY_COUNT = 50;
    /** Distinct tokens per benchmark thread for the cache-miss benchmark. */
    public static final int POOL_SIZE = 2048;
    public static final int MAX_THREADS = 2;
    public static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256", "HS256", "EdDSA");

    private static final Map<String, Fixtures> LOADED = new ConcurrentHashMap<>();

    public final String algorithm;
    /** The full set, 50 keys (HS256: oct keys with their secrets, as a configured key set would be). */
    public final String jwks50;
    /** {@code key-49} alone. */
    public final String jwks1;
    /** The token signed with {@code key-49}. */
    public final String token;
    /** A valid token as large as the default size cap allows: {@link #token} with a padding string in its header. */
    public final String token16k;
    /** The verification key of {@code key-49}: a PublicKey, or the HMAC secret. */
    public final Key key;
    /** For the plain JCA check: the JWS signing input (ASCII of header.payload) and the raw signature. */
    public final byte[] signingInput;
    public final byte[] signature;
    private final Path dir;

    private Fixtures(String algorithm, Path dir) throws Exception {
        this.algorithm = algorithm;
        this.dir = dir;
        this.jwks50 = Files.readString(dir.resolve("jwks-50.json"));
        this.jwks1 = Files.readString(dir.resolve("jwks-1.json"));
        this.token = Files.readString(dir.resolve("token.txt")).strip();
        this.token16k = Files.readString(dir.resolve("token-16k.txt")).strip();
        JsonWebKey jwk = new JsonWebKeySet(jwks1).getJsonWebKeys().get(0);
        this.key = jwk instanceof PublicJsonWebKey pub ? pub.getPublicKey() : new HmacKey(jwk.getKey().getEncoded());
        int dot2 = token.lastIndexOf('.');
        this.signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        this.signature = Base64.getUrlDecoder().decode(token.substring(dot2 + 1));
    }

    /** The fixtures for {@code algorithm}, generated on first use. */
    public static Fixtures of(String algorithm) {
        return LOADED.computeIfAbsent(algorithm, alg -> {
            Path dir = root().resolve(alg);
            try {
                if (!Files.exists(dir.resolve("done")) || !Files.exists(dir.resolve("token-16k.txt"))) {
                    generate(alg, dir);
                }
                return new Fixtures(alg, dir);
            } catch (Exception e) {
                throw new IllegalStateException("fixtures for " + alg + ": " + e, e);
            }
        });
    }

    /** {@code POOL_SIZE} distinct tokens (different {@code jti}) for benchmark thread {@code thread}. */
    public String[] pool(int thread) {
        try {
            return Files.readAllLines(dir.resolve("pool-" + thread + ".txt")).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root() {
        return Path.of(System.getProperty("bench.fixtures", "target/fixtures")).toAbsolutePath();
    }

    /** Generates every algorithm's fixtures (run.sh calls this before JMH starts). */
    public static void main(String[] args) {
        for (String alg : ALGORITHMS) {
            Fixtures f = of(alg);
            System.out.println(alg + ": token of " + f.token.length() + " characters, " + KEY_COUNT
                    + "-key set, in " + f.dir);
        }
    }

    private static synchronized void generate(String alg, Path dir) throws Exception {
        Files.createDirectories(dir);
        SecureRandom random = new SecureRandom();
        JsonWebKeySet all = new JsonWebKeySet();
        Key signingKey = null;
        for (int i = 0; i < KEY_COUNT; i++) {
            JsonWebKey jwk;
            Key privateKey;
            if (alg.equals("HS256")) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                jwk = new OctetSequenceJsonWebKey(new HmacKey(secret));
                privateKey = jwk.getKey();
            } else {
                KeyPair pair = keyPair(alg);
                PublicJsonWebKey pub = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
                jwk = pub;
                privateKey = pair.getPrivate();
            }
            jwk.setKeyId("key-" + i);
            jwk.setUse("sig");
            jwk.setAlgorithm(alg);
            all.addJsonWebKey(jwk);
            if (i == KEY_COUNT - 1) {
                signingKey = privateKey;
            }
        }
        JsonWebKey.OutputControlLevel level = alg.equals("HS256") ? JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC
                : JsonWebKey.OutputControlLevel.PUBLIC_ONLY;
        Files.writeString(dir.resolve("jwks-50.json"), all.toJson(level));
        Files.writeString(dir.resolve("jwks-1.json"),
                new JsonWebKeySet(all.findJsonWebKey(KID, null, null, null)).toJson(level));
        long now = Instant.now().getEpochSecond();
        String jti = UUID.randomUUID().toString();
        Files.writeString(dir.resolve("token.txt"), sign(alg, signingKey, now, jti) + "\n");
        Files.writeString(dir.resolve("token-16k.txt"), signAtSize(alg, signingKey, now, jti, 16 * 1024) + "\n");
        for (int t = 0; t < MAX_THREADS; t++) {
            List<String> pool = new ArrayList<>(POOL_SIZE);
            for (int i = 0; i < POOL_SIZE; i++) {
                pool.add(sign(alg, signingKey, now, "t" + t + "-" + i + "-" + UUID.randomUUID()));
            }
            Files.write(dir.resolve("pool-" + t + ".txt"), pool);
        }
        Files.writeString(dir.resolve("done"), "");
    }

    private static KeyPair keyPair(String alg) throws Exception {
        KeyPairGenerator g;
        switch (alg) {
            case "RS256", "PS256" -> {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
            }
            case "ES256" -> {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case "EdDSA" -> g = KeyPairGenerator.getInstance("Ed25519");
            default -> throw new IllegalArgumentException(alg);
        }
        return g.generateKeyPair();
    }

    /**
     * A typical access token: iss, sub, aud, exp (ten years ahead), iat, jti, client_id, scope, groups; header
     * alg, typ, kid.
     */
    static String sign(String alg, Key key, long now, String jti) throws Exception {
        return sign(alg, key, now, jti, "");
    }

    /** {@link #sign} with a header member {@code pad} that brings the token to {@code size} chars, or up to 3 fewer. */
    static String signAtSize(String alg, Key key, long now, String jti, int size) throws Exception {
        int pad = (size - sign(alg, key, now, jti, "").length()) * 3 / 4;
        while (true) {
            String token = sign(alg, key, now, jti, "a".repeat(pad));
            if (token.length() <= size) {
                return token;
            }
            pad--;
        }
    }

    private static String sign(String alg, Key key, long now, String jti, String pad) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("alice");
        claims.setAudience(AUDIENCE);
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 10L * 365 * 24 * 3600));
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now - 60));
        claims.setJwtId(jti);
        claims.setClaim("client_id", "bench-client");
        claims.setClaim("scope", "read write");
        claims.setStringListClaim("groups", "read", "staff");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue(KID);
        if (!pad.isEmpty()) {
            jws.setHeader("pad", pad);
        }
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

}
