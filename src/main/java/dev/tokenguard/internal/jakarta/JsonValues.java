package dev.tokenguard.internal.jakarta;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/** Plain claim values (String, Long, Double, Boolean, List, Map, null) as JSON-P values. */
public final class JsonValues {

    private JsonValues() {
    }

    /** MicroProfile JWT's raw claim form: objects and arrays as JSON-P, everything else unchanged. */
    public static Object forClaim(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? toJson(value) : value;
    }

    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof String s) {
            return Json.createValue(s);
        }
        if (value instanceof Long || value instanceof Integer) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.add(String.valueOf(e.getKey()), toJson(e.getValue()));
            }
            return object.build();
        }
        if (value instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            for (Object o : list) {
                array.add(toJson(o));
            }
            return array.build();
        }
        return Json.createValue(value.toString());
    }
}
