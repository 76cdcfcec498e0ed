package dev.tokenguard.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep, immutable copies of JSON-like values (String, Number, Boolean, null, List, Map).
 *
 * <p>{@code Map.copyOf}/{@code List.copyOf} refuse null, but JSON claims may be null, so this copies by hand.
 * Numbers come out as Long or finite Double; an integer beyond a long or a non-finite number is refused with an
 * {@link IllegalArgumentException}, as the JSON parser refuses them, never rounded.
 */
public final class PlainValues {

    /** Deeper structures are refused: claims this deep are an attack, not a token. */
    public static final int MAX_DEPTH = 32;

    /**
     * Longest number the JSON parser accepts, in characters. A header is parsed before its signature is checked,
     * so parsing must stay cheap for any input, and BigInteger and Double parsing grow faster than linearly with
     * the digits (a 12,000-digit integer cost 13-25 RS256 verifications). JSON writers of claims emit about 25.
     */
    public static final int MAX_NUMBER_CHARS = 100;

    /**
     * Most JSON values a JOSE header may hold, nested ones included. A header is parsed before its signature is
     * checked, and every value costs a little (a name to compare, a number to range-check); real headers hold a
     * handful (alg, kid, typ, x5t, an x5c chain of a few certificates). Measured with JMH (bench/WorstCase): a
     * 16 KiB token with 1,637 tiny members cost 2.7, with 435 members of one hash code 3.1 valid RS256
     * verifications; with at most this many values the header's cost is bounded by its length alone.
     */
    public static final int MAX_HEADER_VALUES = 64;

    private PlainValues() {
    }

    /**
     * An immutable deep copy of {@code map}, keeping its order. A map that this method made is returned as it is:
     * it is immutable all the way down already (the verified claims reach {@code AccessToken} that way, copied once).
     */
    public static Map<String, Object> immutableMap(Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        if (map instanceof Frozen frozen) {
            return frozen;
        }
        return copyMap(map, 0);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            copy.put(String.valueOf(e.getKey()), copy(e.getValue(), depth + 1));
        }
        return new Frozen(copy);
    }

    /**
     * Parses untrusted JSON text that must be an object, as TokenGuard reads token headers and claims: strict
     * RFC 8259 ({@code JsonText}), a repeated member name refused. The result is what {@link #immutableMap} makes,
     * without a copy.
     *
     * @throws InvalidJson with its reason (a top level that is not an object is {@code INVALID}), never a piece
     *                     of the input
     */
    public static Map<String, Object> parseJsonObject(String json) {
        return JsonText.parseObject(json);
    }

    /**
     * {@link #parseJsonObject} for a text that may also be an array at the top level (a JSON-RPC batch): the same
     * grammar, limits and refusals.
     */
    public static Object parseJsonObjectOrArray(String json) {
        return JsonText.parseObjectOrArray(json);
    }

    /**
     * The strings of a claim value that is one string or a list (other entries are skipped, in order, without
     * duplicates): how MicroProfile JWT reads {@code aud} and {@code groups}, and how roles are read from claims.
     */
    public static java.util.Set<String> strings(Object value) {
        java.util.Set<String> strings = new java.util.LinkedHashSet<>();
        if (value instanceof String s) {
            strings.add(s);
        } else if (value instanceof java.util.Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    strings.add(s);
                }
            }
        }
        return strings;
    }

    /**
     * {@link #parseJsonObject} for a JOSE header: the same checks and refusals, but only the top-level members named
     * in {@code read} are read (their strings, literals and arrays of strings); every other value is checked and
     * comes out as a placeholder that is none of the plain value types; and at most {@link #MAX_HEADER_VALUES}
     * values. Parsed before the signature is checked, so that no header costs more than the linear scan that checks
     * it.
     */
    public static Map<String, Object> parseJsonHeader(String json, Set<String> read) {
        return JsonText.parseShallowObject(json, read);
    }

    /**
     * A read-only map made here: by {@link #copyMap}, from values it has copied, or by {@link JsonText}, around a
     * map that only the parser filled; so every instance is immutable all the way down. Reads go to an unmodifiable
     * view; equals, hashCode and toString are those of any map.
     */
    static final class Frozen extends AbstractMap<String, Object> {
        private final Map<String, Object> view;

        Frozen(Map<String, Object> copy) {
            this.view = Collections.unmodifiableMap(copy);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public Object get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }
    }

    private static Double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a number that is not finite");
        }
        return d;
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
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return finite(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            // BigInteger, BigDecimal and the rest: an integer stays exact or is refused, never rounded.
            java.math.BigDecimal exact;
            try {
                exact = new java.math.BigDecimal(n.toString());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("a number that is not finite");
            }
            if (exact.stripTrailingZeros().scale() > 0) {
                return finite(exact.doubleValue());
            }
            try {
                return exact.longValueExact();
            } catch (ArithmeticException beyondLong) {
                throw new IllegalArgumentException("an integer beyond the range of a long");
            }
        }
        return value.toString();
    }
}
