package dev.tokenguard.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * An RSA key pair for development and tests (FastMCP's {@code RSAKeyPair}): 2048 bits, e = 65537, with
 * PEM export, the public JWK, and a builder for RS256 test tokens.
 *
 * <pre>{@code
 * RsaKeyPair keys = RsaKeyPair.generate();
 * String token = keys.token().subject("alice").issuer("https://test").scopes("read").create();
 * }</pre>
 */
public final class RsaKeyPair {

    private final RSAPublicKey publicKey;
    private final RSAPrivateKey privateKey;

    private RsaKeyPair(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public static RsaKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
            KeyPair pair = generator.generateKeyPair();
            return new RsaKeyPair((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable in this Java runtime", e);
        }
    }

    /** PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    /** The public key as a JWK for a key set: {@code kty RSA, use sig, alg RS256}. */
    public JwkData toJwk(String kid) {
        return new JwkData("RSA", kid, "sig", "RS256", base64Url(publicKey.getModulus()),
                base64Url(publicKey.getPublicExponent()), null, null, null, null, null);
    }

    /** A builder for an RS256 token signed with this key pair. */
    public TokenBuilder token() {
        return new TokenBuilder(this);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "RsaKeyPair[" + publicKey.getModulus().bitLength() + "-bit]";
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Unsigned big-endian base64url without padding, as JWK requires (RFC 7518 §6.3.1). */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Claims of a test token: {@code sub} (default {@code tokenguard-user}), {@code iss} (default
     * {@code https://tokenguard.example}), {@code iat}, {@code exp} always; {@code aud} and
     * {@code scope} only when given; {@link #claim} last, overriding anything.
     */
    public static final class TokenBuilder {
        private final RsaKeyPair keys;
        private String subject = "tokenguard-user";
        private String issuer = "https://tokenguard.example";
        private List<String> audience = List.of();
        private List<String> scopes = List.of();
        private long expiresInSeconds = 3600;
        private String keyId;
        private Clock clock = Clock.systemUTC();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private TokenBuilder(RsaKeyPair keys) {
            this.keys = keys;
        }

        public TokenBuilder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public TokenBuilder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** One audience becomes a string {@code aud}, several a list. */
        public TokenBuilder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        /** Written as one space-separated {@code scope} string. */
        public TokenBuilder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        /** Lifetime from now; default 3600. Negative makes an already expired token. */
        public TokenBuilder expiresInSeconds(long seconds) {
            this.expiresInSeconds = seconds;
            return this;
        }

        /** Any claim; applied last, so it may override {@code sub}, {@code exp}, {@code scope} and the rest. */
        public TokenBuilder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        /** The {@code kid} header. */
        public TokenBuilder keyId(String kid) {
            this.keyId = kid;
            return this;
        }

        /** The clock for {@code iat} and {@code exp}; for tests. */
        public TokenBuilder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The compact RS256 JWT. */
        public String create() {
            Instant now = clock.instant();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", subject);
            claims.put("iss", issuer);
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.getEpochSecond() + expiresInSeconds);
            if (!audience.isEmpty()) {
                claims.put("aud", audience.size() == 1 ? audience.get(0) : audience);
            }
            if (!scopes.isEmpty()) {
                claims.put("scope", String.join(" ", scopes));
            }
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                Object v = e.getValue();
                claims.put(e.getKey(), v instanceof Object[] array ? new ArrayList<>(Arrays.asList(array)) : v);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(JsonUtil.toJson(claims));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            if (keyId != null) {
                jws.setKeyIdHeaderValue(keyId);
            }
            jws.setKey(keys.privateKey);
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException("signing failed: " + e.getMessage(), e);
            }
        }
    }
}
