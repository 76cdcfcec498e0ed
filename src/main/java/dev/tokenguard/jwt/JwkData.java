package dev.tokenguard.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * A public JSON Web Key (RFC 7517) as plain data, FastMCP's {@code JWKData}: what a key set endpoint
 * publishes. Members that are null are left out of the JSON.
 */
public record JwkData(String kty, String kid, String use, String alg, String n, String e, String crv, String x,
                      String y, List<String> x5c, String x5t) {

    public JwkData {
        x5c = x5c == null ? null : List.copyOf(x5c);
    }

    public String toJson() {
        return JsonUtil.toJson(toMap());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "kty", kty);
        put(m, "kid", kid);
        put(m, "use", use);
        put(m, "alg", alg);
        put(m, "n", n);
        put(m, "e", e);
        put(m, "crv", crv);
        put(m, "x", x);
        put(m, "y", y);
        put(m, "x5c", x5c);
        put(m, "x5t", x5t);
        return m;
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not a JSON object with a string {@code kty}
     */
    public static JwkData fromJson(String json) {
        try {
            return fromMap(JsonObjects.parse(json, "JWK"));
        } catch (RejectionException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static JwkData fromMap(Map<String, Object> m) {
        if (!(m.get("kty") instanceof String)) {
            throw new IllegalArgumentException("JWK has no \"kty\" string");
        }
        Object x5c = m.get("x5c");
        if (x5c != null && !(x5c instanceof List<?> l && l.stream().allMatch(String.class::isInstance))) {
            throw new IllegalArgumentException("JWK \"x5c\" must be a list of strings");
        }
        @SuppressWarnings("unchecked")
        List<String> chain = (List<String>) x5c;
        return new JwkData(str(m, "kty"), str(m, "kid"), str(m, "use"), str(m, "alg"), str(m, "n"), str(m, "e"),
                str(m, "crv"), str(m, "x"), str(m, "y"), chain, str(m, "x5t"));
    }

    private static String str(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("JWK \"" + name + "\" must be a string");
        }
        return (String) v;
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
