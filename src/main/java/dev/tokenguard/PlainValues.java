package dev.tokenguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-like values (String, Number, Boolean, null, List, Map).
 *
 * <p>{@code Map.copyOf}/{@code List.copyOf} refuse null, but JSON claims may be null, so this copies by hand.
 */
public final class PlainValues {

    /** Deeper structures are refused: claims this deep are an attack, not a token. */
    public static final int MAX_DEPTH = 32;

    private PlainValues() {
    }

    /** An immutable deep copy of {@code map}, keeping its order. */
    public static Map<String, Object> immutableMap(Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        return copyMap(map, 0);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            copy.put(String.valueOf(e.getKey()), copy(e.getValue(), depth + 1));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copy(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof Map<?, ?> m) {
            return copyMap(m, depth);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(copy(o, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Object[] array) {
            return copy(java.util.Arrays.asList(array), depth);
        }
        if (value instanceof java.util.Collection<?> c) {
            return copy(new ArrayList<>(c), depth);
        }
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Number n) {
            // BigInteger/BigDecimal: keep exact when they fit a long.
            try {
                return new java.math.BigDecimal(n.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException notExact) {
                return n.doubleValue();
            }
        }
        return value.toString();
    }
}
