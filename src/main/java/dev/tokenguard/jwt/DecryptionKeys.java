package dev.tokenguard.jwt;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The configured keys that decrypt tokens, in the forms MicroProfile JWT 2.1 lists for
 * {@code mp.jwt.decrypt.key.location}: PKCS#8 PEM, a JWK, a JWK Set, or either JSON form base64url-encoded. A key is
 * picked for a token as signature keys are ({@link KeySelector}). Messages say what to change and never contain key
 * material.
 */
final class DecryptionKeys {

    private final List<DecryptionKey> keys;

    private DecryptionKeys(List<DecryptionKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** @throws IllegalArgumentException when the text holds no usable key, or is ambiguous */
    static DecryptionKeys parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the decryption key is empty");
        }
        String trimmed = text.strip();
        if (KeyMaterial.looksLikePem(trimmed)) {
            return new DecryptionKeys(List.of(fromPem(trimmed)));
        }
        String json = KeyMaterial.looksLikeJson(trimmed) ? trimmed : KeyMaterial.base64Json(trimmed);
        if (json == null) {
            throw new IllegalArgumentException("the decryption key is neither PKCS#8 PEM (\"-----BEGIN PRIVATE"
                    + " KEY-----\"), a JWK nor a JWK Set (as JSON or base64url of it)");
        }
        Map<String, Object> parsed;
        try {
            parsed = JsonObjects.parse(json, "key JSON");
        } catch (RejectionException e) {
            throw new IllegalArgumentException("the decryption key looks like JSON but is not a JSON object: "
                    + e.getMessage());
        }
        if (!parsed.containsKey("keys")) {
            return new DecryptionKeys(List.of(fromJwk(parsed)));
        }
        return fromKeySet(parsed);
    }

    /** The key for a token with this header, or a refusal ({@code unknown_key}). */
    DecryptionKey keyFor(JweHeader header) throws RejectionException {
        DecryptionAlgorithm alg = header.algorithm();
        return KeySelector.select(keys, header.keyId(), key -> key.fits(alg), DecryptionKey::keyId,
                alg + " decryption");
    }

    /** Whether some key may decrypt tokens of one of {@code allowed}. */
    boolean anyFits(Set<DecryptionAlgorithm> allowed) {
        return keys.stream().anyMatch(k -> allowed.stream().anyMatch(k::fits));
    }

    String describe() {
        return keys.stream().map(DecryptionKey::describe).collect(Collectors.joining(", "));
    }

    private static DecryptionKeys fromKeySet(Map<String, Object> json) {
        if (!(json.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("the decryption key set has no \"keys\" array");
        }
        List<DecryptionKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                if (!(entries.get(i) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> jwk = (Map<String, Object>) m;
                keys.add(fromJwk(jwk));
            } catch (IllegalArgumentException e) {
                skipped.add("key #" + (i + 1) + ": " + e.getMessage());
            }
        }
        Set<String> kids = new HashSet<>();
        for (DecryptionKey key : keys) {
            if (key.keyId() != null && !kids.add(key.keyId())) {
                throw new IllegalArgumentException("the decryption key set has two keys with kid "
                        + dev.tokenguard.Verification.quote(key.keyId()));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the decryption key set has no usable RSA private key"
                    + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
        }
        return new DecryptionKeys(keys);
    }

    private static DecryptionKey fromJwk(Map<String, Object> jwk) {
        if (!"RSA".equals(jwk.get("kty"))) {
            throw new IllegalArgumentException("\"kty\" " + dev.tokenguard.Verification.quote(jwk.get("kty"))
                    + " is not RSA");
        }
        KeyMaterial.JwkMembers members = KeyMaterial.JwkMembers.of(jwk);
        if (!jwk.containsKey("d")) {
            throw new IllegalArgumentException("the RSA JWK has no private part (\"d\"): the decryption key is the"
                    + " private key");
        }
        RsaJsonWebKey parsed;
        try {
            parsed = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(new LinkedHashMap<>(jwk));
        } catch (Exception e) {
            // jose4j's messages can quote member values, so they are not passed on.
            throw new IllegalArgumentException("malformed RSA private key (missing or invalid members)");
        }
        RSAPrivateKey key = parsed.getRsaPrivateKey();
        if (key == null || parsed.getRsaPublicKey() == null) {
            throw new IllegalArgumentException("malformed RSA private key (missing or invalid members)");
        }
        return DecryptionKey.of(key, parsed.getRsaPublicKey().getPublicExponent(), members.kid(), members.use(),
                members.alg(), members.keyOps());
    }

    private static DecryptionKey fromPem(String text) {
        KeyMaterial.PemBlock pem = KeyMaterial.PemBlock.first(text);
        if (pem == null) {
            throw new IllegalArgumentException("PEM text without a matching \"-----END ...-----\" line");
        }
        String label = pem.label();
        switch (label) {
            case "PRIVATE KEY" -> {
                // below
            }
            case "RSA PRIVATE KEY" -> throw new IllegalArgumentException("PKCS#1 \"RSA PRIVATE KEY\": convert it to"
                    + " PKCS#8 (\"PRIVATE KEY\") with `openssl pkcs8 -topk8 -nocrypt -in key.pem`");
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("an encrypted PEM key: TokenGuard has no"
                    + " password for it; store it unencrypted (PKCS#8) where only the application can read it");
            case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE" -> throw new IllegalArgumentException("this is a"
                    + " public key (" + label + "); tokens are decrypted with the private key");
            default -> throw new IllegalArgumentException("PEM block \"" + label + "\" is not a PKCS#8 private key"
                    + " (\"PRIVATE KEY\")");
        }
        PrivateKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.body().replaceAll("\\\\n", "").strip());
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalArgumentException("the PEM private key is not an RSA key in PKCS#8");
        }
        RSAPrivateKey rsa = (RSAPrivateKey) key;
        BigInteger e = key instanceof RSAPrivateCrtKey crt ? crt.getPublicExponent() : null;
        return DecryptionKey.of(rsa, e, null, null, null, null);
    }
}
