package dev.tokenguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structure-aware key-set inputs: JWK-like maps of every key type (RSA, EC, OKP, oct, or none), whose members
 * are real key values, real values in the wrong place (a P-384 point under P-256, a 1024-bit modulus, an even
 * exponent), fuzzed base64url bytes, fuzzed strings or JSON values of the wrong type. Serialised with jose4j's
 * {@code org.jose4j.json.JsonUtil}, they reach the key checks instead of stopping at the JSON parser.
 */
public final class FuzzJwks {

    private FuzzJwks() {
    }

    /**
     * A key-set document: {@code {"keys": [...]}} with 0 to 4 JWKs (the last byte picks the shape), a single
     * JWK, {@code keys} of the wrong type, or a list mixing JWKs and other values.
     */
    public static Map<String, Object> document(FuzzedDataProvider data) {
        int shape = data.consumeInt(0, 3);
        Map<String, Object> doc = new LinkedHashMap<>();
        switch (shape) {
            case 0 -> {
                List<Object> keys = new ArrayList<>();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) {
                    keys.add(jwk(data));
                }
                doc.put("keys", keys);
            }
            case 1 -> doc.putAll(jwk(data));
            case 2 -> doc.put("keys", value(data, 0));
            default -> {
                List<Object> keys = new ArrayList<>();
                keys.add(jwk(data));
                keys.add(value(data, 0));
                keys.add(jwk(data));
                doc.put("keys", keys);
            }
        }
        return doc;
    }

    /** One JWK-like map. */
    public static Map<String, Object> jwk(FuzzedDataProvider data) {
        Map<String, Object> m = new LinkedHashMap<>();
        int kty = data.consumeInt(0, 6);
        switch (kty) {
            case 0 -> {
                m.put("kty", "RSA");
                m.put("n", pick(data, FuzzFixtures.RSA_N, FuzzFixtures.RSA1024_N));
                m.put("e", pick(data, "AQAB", "Aw", "AQ", "Ag", "AAEAAQ"));
                if (data.consumeBoolean()) {
                    m.put("d", pick(data, FuzzFixtures.RSA1024_N));
                }
            }
            case 1 -> {
                m.put("kty", "EC");
                m.put("crv", pick(data, "P-256", "P-384", "P-521", "secp256k1"));
                switch (data.consumeInt(0, 5)) {
                    case 0 -> point(m, FuzzFixtures.EC1_X, FuzzFixtures.EC1_Y);
                    case 1 -> point(m, FuzzFixtures.EC2_X, FuzzFixtures.EC2_Y);
                    case 2 -> point(m, FuzzFixtures.P384_X, FuzzFixtures.P384_Y);
                    case 3 -> point(m, FuzzFixtures.EC1_X, FuzzFixtures.EC2_Y); // off the curve
                    case 4 -> point(m, FuzzFixtures.EC1_Y, FuzzFixtures.EC1_X); // swapped
                    default -> point(m, pick(data, FuzzFixtures.EC1_X), pick(data, FuzzFixtures.EC1_Y));
                }
            }
            case 2 -> {
                m.put("kty", "OKP");
                m.put("crv", pick(data, "Ed25519", "Ed448", "X25519"));
                m.put("x", pick(data, FuzzFixtures.ED25519_X, FuzzFixtures.EC1_X));
            }
            case 3 -> {
                m.put("kty", "oct");
                m.put("k", FuzzFixtures.b64(data.consumeBytes(data.consumeInt(0, 96))));
            }
            case 4 -> m.put("kty", data.consumeString(16));
            case 5 -> m.put("kty", value(data, 0));
            default -> {
                // no kty
            }
        }
        int optional = data.consumeInt(0, 63);
        if ((optional & 1) != 0) {
            m.put("kid", pick(data, "k1", "k2", "ec-1"));
        }
        if ((optional & 2) != 0) {
            m.put("use", pick(data, "sig", "enc"));
        }
        if ((optional & 4) != 0) {
            m.put("alg", pick(data, "RS256", "PS256", "ES256", "ES384", "HS256", "EdDSA", "none", "RSA-OAEP"));
        }
        if ((optional & 8) != 0) {
            m.put("key_ops", switch (data.consumeInt(0, 4)) {
                case 0 -> List.of("verify");
                case 1 -> List.of("sign", "verify");
                case 2 -> List.of("encrypt");
                case 3 -> List.of();
                default -> value(data, 1);
            });
        }
        if ((optional & 16) != 0) {
            m.put("x5c", data.consumeBoolean() ? List.of(FuzzFixtures.b64(data.consumeBytes(64))) : value(data, 1));
        }
        if ((optional & 32) != 0) {
            m.put(data.consumeString(12), value(data, 0));
        }
        return m;
    }

    private static void point(Map<String, Object> m, Object x, Object y) {
        m.put("x", x);
        m.put("y", y);
    }

    /** One of the given values, fuzzed base64url bytes, a fuzzed string, or a JSON value of any type. */
    private static Object pick(FuzzedDataProvider data, String... options) {
        int i = data.consumeInt(0, options.length + 2);
        if (i < options.length) {
            return options[i];
        }
        if (i == options.length) {
            return FuzzFixtures.b64(data.consumeBytes(data.consumeInt(0, 300)));
        }
        if (i == options.length + 1) {
            return data.consumeString(64);
        }
        return value(data, 0);
    }

    /** A JSON value of any type, nested at most three levels. */
    static Object value(FuzzedDataProvider data, int depth) {
        int type = data.consumeInt(0, depth >= 3 ? 4 : 6);
        return switch (type) {
            case 0 -> null;
            case 1 -> data.consumeLong();
            case 2 -> data.consumeRegularDouble();
            case 3 -> data.consumeBoolean();
            case 4 -> data.consumeString(32);
            case 5 -> {
                List<Object> list = new ArrayList<>();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    list.add(value(data, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    map.put(data.consumeString(8), value(data, depth + 1));
                }
                yield map;
            }
        };
    }
}
