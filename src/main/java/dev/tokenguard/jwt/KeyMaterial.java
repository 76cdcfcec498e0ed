package dev.tokenguard.jwt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * Turns key text into {@link VerificationKey}s: PEM public keys (SPKI, or PKCS#1 RSA), X.509 certificates,
 * a JWK, or a JWK Set. Messages say what to change and never contain key material.
 */
final class KeyMaterial {

    /** A PEM block: its label ({@code PUBLIC KEY}, …) and the base64 between its BEGIN and END lines. */
    record PemBlock(String label, String body) {

        /**
         * The block that the first BEGIN line opens, or null when its matching END line is missing. Found with plain
         * index searches: the regular expression this replaces ({@code BEGIN (label)(.*?)END \1}) tried every BEGIN
         * line against the rest of the text, which a fetched key document can fill with them (measured: 128 KB of
         * BEGIN lines took 6.7 s, and a key set may be 256 KB).
         */
        static PemBlock first(String text) {
            int begin = text.indexOf("-----BEGIN ");
            if (begin < 0) {
                return null;
            }
            int labelStart = begin + "-----BEGIN ".length();
            int labelEnd = text.indexOf("-----", labelStart);
            if (labelEnd <= labelStart) {
                return null;
            }
            String label = text.substring(labelStart, labelEnd);
            if (!label.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')) {
                return null;
            }
            int bodyStart = labelEnd + "-----".length();
            int end = text.indexOf("-----END " + label + "-----", bodyStart);
            return end < 0 ? null : new PemBlock(label, text.substring(bodyStart, end));
        }
    }

    private KeyMaterial() {
    }

    /** True when {@code text} is PEM armour: a public key or certificate, never an HMAC secret. */
    static boolean looksLikePem(String text) {
        return text != null && text.contains("-----BEGIN ");
    }

    static boolean looksLikeJson(String text) {
        return text != null && text.strip().startsWith("{");
    }

    /** Keys from configuration: PEM, certificate, JWK or JWKS. */
    static List<VerificationKey> parseConfigured(String text) {
        return parseConfigured(text, Algorithm.MIN_RSA_BITS);
    }

    /** {@link #parseConfigured(String)} for a verifier whose RSA keys may be as small as {@code minRsaBits}. */
    static List<VerificationKey> parseConfigured(String text, int minRsaBits) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the public key is empty");
        }
        String trimmed = text.strip();
        if (looksLikeJson(trimmed)) {
            Map<String, Object> json;
            try {
                json = JsonObjects.parse(trimmed, "key JSON");
            } catch (RejectionException e) {
                throw new IllegalArgumentException("the public key looks like JSON but is not a JSON object: " + e.getMessage());
            }
            if (!json.containsKey("keys")) {
                return List.of(fromJwk(json, minRsaBits));
            }
            KeySet set = parseKeySet(json, minRsaBits);
            if (set.keys().isEmpty()) {
                throw new IllegalArgumentException("key set has no usable signature key"
                        + (set.skipped().isEmpty() ? "" : " (" + String.join("; ", set.skipped()) + ")"));
            }
            return set.keys();
        }
        if (looksLikePem(trimmed)) {
            return List.of(fromPem(trimmed, minRsaBits));
        }
        String json = base64Json(trimmed);
        if (json != null) {
            return parseConfigured(json, minRsaBits);
        }
        // MicroProfile JWT also allows the base64 of an SPKI key (here also of a certificate) without PEM armour.
        PublicKey bare = bareBase64Key(trimmed);
        if (bare == null) {
            throw new IllegalArgumentException("the public key is neither PEM (\"-----BEGIN PUBLIC KEY-----\"),"
                    + " base64 of a public key or certificate, a JWK nor a JWK Set");
        }
        return List.of(check(bare, null, minRsaBits));
    }

    /**
     * True when {@code text} is, in any form this class reads or close to one, a public key or certificate: PEM
     * armour of any kind, a JWK or JWK Set with an RSA, EC or OKP key, or base64 (standard, MIME-wrapped, with
     * escaped line breaks, or base64url) of SPKI, PKCS#1 or certificate DER. Such text is public, so it must never
     * be taken as an HMAC secret (algorithm confusion). Key size and validity do not matter here: a weak or broken
     * public key is still public.
     */
    static boolean isPublicKeyText(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String trimmed = text.strip();
        if (looksLikePem(trimmed)) {
            return true;
        }
        if (looksLikeJson(trimmed)) {
            try {
                Map<String, Object> json = JsonObjects.parse(trimmed, "key JSON");
                return json.get("keys") instanceof List<?> keys
                        ? keys.stream().anyMatch(KeyMaterial::isPublicJwk) : isPublicJwk(json);
            } catch (RejectionException notJson) {
                return false;
            }
        }
        String json = base64Json(trimmed);
        if (json != null) {
            return isPublicKeyText(json);
        }
        return bareBase64Key(trimmed) != null || isPublicKeyDer(trimmed.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * MicroProfile JWT also allows a JWK or JWK Set encoded in base64 ("JWK Base64 URL encoded"; its TCK uses the
     * standard alphabet with padding, so both are read): the JSON text, or null when {@code text} is not that.
     */
    static String base64Json(String text) {
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getMimeDecoder(), Base64.getUrlDecoder()}) {
            try {
                String json = new String(decoder.decode(text.replaceAll("\\s", "")), StandardCharsets.UTF_8).strip();
                if (looksLikeJson(json)) {
                    return json;
                }
            } catch (IllegalArgumentException notBase64) {
                // try the next alphabet
            }
        }
        return null;
    }

    /** True when {@code der} is SPKI, PKCS#1 RSA public key or X.509 certificate DER. */
    static boolean isPublicKeyDer(byte[] der) {
        return publicKeyDer(der) != null;
    }

    private static boolean isPublicJwk(Object jwk) {
        return jwk instanceof Map<?, ?> m && Set.of("RSA", "EC", "OKP").contains(m.get("kty"));
    }

    /** The key in base64 text (standard, MIME, escaped line breaks, or base64url) of key DER, or null. */
    private static PublicKey bareBase64Key(String text) {
        String compact = text.replace("\\n", "").replace("\\r", "");
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getMimeDecoder(), Base64.getUrlDecoder()}) {
            try {
                PublicKey key = publicKeyDer(decoder.decode(compact.replaceAll("\\s", "")));
                if (key != null) {
                    return key;
                }
            } catch (IllegalArgumentException notBase64) {
                // try the next alphabet
            }
        }
        return null;
    }

    private static PublicKey publicKeyDer(byte[] der) {
        if (der.length < 16) {
            return null;
        }
        try {
            return spki(der);
        } catch (IllegalArgumentException notSpki) {
            // next form
        }
        try {
            return spki(Pkcs1.rsaPublicKeyToSpki(der));
        } catch (IllegalArgumentException notPkcs1) {
            // next form
        }
        try {
            return certificateKey(der);
        } catch (IllegalArgumentException notCertificate) {
            return null;
        }
    }

    /** The usable keys of a JWK Set document, and why the others were skipped. */
    record KeySet(List<VerificationKey> keys, List<String> skipped) {
    }

    /**
     * A JWK Set: entries that are malformed or unusable are skipped (and named in {@code skipped}), so the usable
     * keys may be none; the set is refused when it has no {@code keys} array, when it mixes secrets with public
     * keys, or when two usable keys of the same type share a {@code kid} (ambiguous).
     */
    static KeySet parseKeySet(Map<String, Object> json) {
        return parseKeySet(json, Algorithm.MIN_RSA_BITS);
    }

    static KeySet parseKeySet(Map<String, Object> json, int minRsaBits) {
        if (!(json.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("key set has no \"keys\" array");
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            try {
                if (!(entry instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> jwk = (Map<String, Object>) m;
                keys.add(fromJwk(jwk, minRsaBits));
            } catch (IllegalArgumentException e) {
                skipped.add("key #" + (i + 1) + ": " + e.getMessage());
            }
        }
        boolean symmetric = !keys.isEmpty() && keys.get(0).isSymmetric();
        Set<String> kids = new HashSet<>();
        for (VerificationKey k : keys) {
            if (k.isSymmetric() != symmetric) {
                throw new IllegalArgumentException("key set mixes secret (oct) keys with public keys");
            }
            // RFC 7517 §4.5 lets keys of different types share a kid; only the same kid for the same kind of
            // key is ambiguous.
            if (k.keyId() != null && !kids.add(k.keyId() + '\0' + k.family() + '\0' + k.curve())) {
                throw new IllegalArgumentException("key set has two " + k.family().jwkType() + " keys with kid "
                        + quote(k.keyId()));
            }
        }
        return new KeySet(List.copyOf(keys), List.copyOf(skipped));
    }

    /** One JWK meant for verifying signatures; private members are ignored, only the public part is used. */
    static VerificationKey fromJwk(Map<String, Object> jwk) {
        return fromJwk(jwk, Algorithm.MIN_RSA_BITS);
    }

    static VerificationKey fromJwk(Map<String, Object> jwk, int minRsaBits) {
        Object kty = jwk.get("kty");
        if (!(kty instanceof String type) || !Set.of("RSA", "EC", "OKP", "oct").contains(type)) {
            throw new IllegalArgumentException("\"kty\" " + quote(kty) + " is not RSA, EC, OKP or oct");
        }
        JwkMembers members = JwkMembers.of(jwk);
        JsonWebKey parsed;
        try {
            parsed = JsonWebKey.Factory.newJwk(new java.util.LinkedHashMap<>(jwk));
        } catch (Exception e) {
            // jose4j's messages can quote member values, so they are not passed on.
            throw new IllegalArgumentException("malformed " + type + " key (missing or invalid members)");
        }
        java.security.Key key = parsed instanceof PublicJsonWebKey pub ? pub.getPublicKey() : parsed.getKey();
        if (key != null && "oct".equals(type)) {
            key = new org.jose4j.keys.HmacKey(key.getEncoded()); // jose4j labels oct keys "AES"
        }
        if (key == null) {
            throw new IllegalArgumentException("malformed " + type + " key");
        }
        // Whether the key may verify signatures at all (family, curve, strength, use, key_ops, alg) is decided
        // in one place: VerificationKey.of.
        return VerificationKey.of(key, members.kid(), members.use(), members.alg(), members.keyOps(), minRsaBits);
    }

    /** The members of a JWK that say what it may be used for, type-checked: for verification and decryption keys. */
    record JwkMembers(String kid, String use, String alg, List<String> keyOps) {

        static JwkMembers of(Map<String, Object> jwk) {
            Object kid = jwk.get("kid");
            Object use = jwk.get("use");
            Object alg = jwk.get("alg");
            Object ops = jwk.get("key_ops");
            if ((kid != null && !(kid instanceof String)) || (use != null && !(use instanceof String))
                    || (alg != null && !(alg instanceof String))) {
                throw new IllegalArgumentException("\"kid\", \"use\" and \"alg\" must be strings");
            }
            List<String> keyOps = null;
            if (ops != null) {
                if (!(ops instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    throw new IllegalArgumentException("\"key_ops\" must be a list of strings");
                }
                keyOps = list.stream().map(String.class::cast).toList();
            }
            return new JwkMembers((String) kid, (String) use, (String) alg, keyOps);
        }
    }

    private static VerificationKey fromPem(String text, int minRsaBits) {
        PemBlock pem = PemBlock.first(text);
        if (pem == null) {
            throw new IllegalArgumentException("PEM text without a matching \"-----END ...-----\" line");
        }
        String label = pem.label();
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.body().replaceAll("\\\\n", "").strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block \"" + label + "\" is not valid base64");
        }
        return switch (label) {
            case "PUBLIC KEY", "EC PUBLIC KEY" -> check(spki(der), null, minRsaBits);
            case "RSA PUBLIC KEY" -> check(spki(Pkcs1.rsaPublicKeyToSpki(der)), null, minRsaBits);
            case "CERTIFICATE" -> check(certificateKey(der), null, minRsaBits);
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalArgumentException("this is a private key (" + label + "); configure the"
                            + " public key instead, e.g. from `openssl pkey -in key.pem -pubout`");
            default -> throw new IllegalArgumentException("PEM block \"" + label + "\" is not a public key or"
                    + " certificate; use \"PUBLIC KEY\", \"RSA PUBLIC KEY\" or \"CERTIFICATE\"");
        };
    }

    private static VerificationKey check(PublicKey key, String kid, int minRsaBits) {
        return VerificationKey.of(key, kid, null, null, null, minRsaBits);
    }

    /** Decodes SubjectPublicKeyInfo with whichever key factory accepts it. */
    static PublicKey spki(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception tryNext) {
                // not this family
            }
        }
        throw new IllegalArgumentException("not an RSA, EC or Ed25519 public key (SubjectPublicKeyInfo)");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return cert.getPublicKey();
        } catch (Exception e) {
            throw new IllegalArgumentException("the certificate cannot be read as X.509");
        }
    }

    private static String quote(Object s) {
        return dev.tokenguard.Verification.quote(s);
    }
}
