package dev.tokenguard.jwt;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jca.ProviderContext;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwe.ContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionKeys;
import org.jose4j.jwe.ContentEncryptionParts;
import org.jose4j.jwe.KeyManagementAlgorithm;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.jwx.Headers;
import org.jose4j.keys.HmacKey;

/**
 * Test tokens of any shape: any header, any payload text, signed with any key by jose4j, or with a
 * signature given by hand. Also key generation for every algorithm family.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Compact JWS of the given header and payload JSON texts, signed with {@code key} using {@code alg}. */
    public static String sign(String headerJson, String payloadJson, String alg, Key key) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        return signingInput + "." + b64(signature(signingInput, alg, key));
    }

    public static byte[] signature(String signingInput, String alg, Key key) {
        try {
            JsonWebSignatureAlgorithm jose = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                    .getAlgorithm(alg);
            return jose.sign(jose.prepareForSign(key, new ProviderContext()),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A compact JWE of {@code plaintext} with exactly the given header text, made by jose4j's JWE algorithm classes:
     * {@code alg} wraps a fresh content key for {@code key}, {@code enc} encrypts with the encoded header as AAD.
     */
    public static String encrypt(String headerJson, String alg, String enc, byte[] plaintext, Key key) {
        try {
            AlgorithmFactoryFactory factories = AlgorithmFactoryFactory.getInstance();
            KeyManagementAlgorithm keyManagement = factories.getJweKeyManagementAlgorithmFactory().getAlgorithm(alg);
            ContentEncryptionAlgorithm content = factories.getJweContentEncryptionAlgorithmFactory().getAlgorithm(enc);
            ContentEncryptionKeys keys = keyManagement.manageForEncrypt(key, content.getContentEncryptionKeyDescriptor(),
                    new Headers(), null, new ProviderContext());
            String header = b64(headerJson);
            ContentEncryptionParts parts = content.encrypt(plaintext, header.getBytes(StandardCharsets.US_ASCII),
                    keys.getContentEncryptionKey(), new Headers(), null, new ProviderContext());
            return header + "." + b64(keys.getEncryptedKey()) + "." + b64(parts.getIv()) + "."
                    + b64(parts.getCiphertext()) + "." + b64(parts.getAuthenticationTag());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #encrypt} of a signed token with {@code {"alg":alg,"enc":"A256GCM","cty":"JWT"}} (and kid, when given). */
    public static String encryptJwt(String jws, String alg, String kid, Key key) {
        String header = "{\"alg\":\"" + alg + "\",\"enc\":\"A256GCM\",\"cty\":\"JWT\""
                + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
        return encrypt(header, alg, "A256GCM", jws.getBytes(StandardCharsets.US_ASCII), key);
    }

    /** Signs a header map and claims map (both turned into JSON by jose4j). */
    public static String sign(Map<String, ?> header, Map<String, ?> claims, Key key) {
        return sign(JsonUtil.toJson(header), JsonUtil.toJson(claims), (String) header.get("alg"), key);
    }

    public static Map<String, Object> header(String alg) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        h.put("typ", "JWT");
        return h;
    }

    public static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> h = header(alg);
        h.put("kid", kid);
        return h;
    }

    /** Claims of a token valid for an hour from {@code now}: sub, iss, iat, exp. */
    public static Map<String, Object> claims(Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "alice");
        c.put("iss", "https://issuer.test");
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.getEpochSecond() + 3600);
        return c;
    }

    public static Map<String, Object> claims() {
        return claims(Instant.now());
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
    }

    public static KeyPair ec(String curve) {
        String std = switch (curve) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> curve;
        };
        return generate("EC", new ECGenParameterSpec(std));
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HmacKey secret(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        return new HmacKey(b);
    }

    /** The public JWK JSON of a key, with optional kid/use/alg members. */
    public static Map<String, Object> jwk(Key key, String kid, String use, String alg) {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(key);
            if (kid != null) {
                jwk.setKeyId(kid);
            }
            if (use != null) {
                jwk.setUse(use);
            }
            if (alg != null) {
                jwk.setAlgorithm(alg);
            }
            return jwk.toParams(key instanceof HmacKey ? JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC
                    : JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwks(Map<?, ?>... keys) {
        return JsonUtil.toJson(Map.of("keys", java.util.List.of(keys)));
    }

    /** The PEM SubjectPublicKeyInfo of a public key. */
    public static String pem(java.security.PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(spec);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
