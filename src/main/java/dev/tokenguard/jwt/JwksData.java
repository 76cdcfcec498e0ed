package dev.tokenguard.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/** A JSON Web Key Set (RFC 7517 §5), FastMCP's {@code JWKSData}: {@code {"keys": [...]}}. */
public record JwksData(List<JwkData> keys) {

    public JwksData {
        keys = List.copyOf(keys);
    }

    public static JwksData of(JwkData... keys) {
        return new JwksData(List.of(keys));
    }

    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (JwkData k : keys) {
            list.add(k.toMap());
        }
        return JsonUtil.toJson(Map.of("keys", list));
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not an object with a {@code keys} array of JWKs
     */
    public static JwksData fromJson(String json) {
        Map<String, Object> m;
        try {
            m = JsonObjects.parse(json, "JWK Set");
        } catch (RejectionException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!(m.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("JWK Set has no \"keys\" array");
        }
        List<JwkData> keys = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> jwk)) {
                throw new IllegalArgumentException("JWK Set entry is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) jwk;
            keys.add(JwkData.fromMap(typed));
        }
        return new JwksData(keys);
    }
}
