package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.PlainValues;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;

/**
 * A claim of the current caller in the Java type of an injection point, as MicroProfile JWT 2.1 defines:
 * {@code String}, {@code Long}/{@code long}, {@code Boolean}/{@code boolean}, {@code Set<String>}, the JSON-P
 * types, and {@code Optional} of any of them. An absent claim (or an anonymous request) is null, or an empty
 * {@code Optional}; a claim of another type than asked for is treated as absent rather than failing the request.
 */
final class ClaimConversion {

    private ClaimConversion() {
    }

    static Object convert(TokenPrincipal caller, String name, Type target) {
        if (target instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return Optional.ofNullable(convert(caller, name, p.getActualTypeArguments()[0]));
        }
        if (caller == null || name == null || !caller.getClaimNames().contains(name)) {
            return null;
        }
        Class<?> type = erasure(target);
        if (JsonValue.class.isAssignableFrom(type)) {
            // aud and groups are sets in MP-JWT, a single string included: JsonArray gets them as one (MP-JWT TCK
            // verifyInjectedAudience); getClaim already returns them as sets.
            Object plain = Claims.raw_token.name().equals(name) ? caller.getRawToken()
                    : caller.getClaim(name) instanceof Set<?> set ? List.copyOf(set)
                    : caller.accessToken().claims().get(name);
            JsonValue json = JsonValues.toJson(plain);
            return type.isInstance(json) ? json : null;
        }
        Object value = caller.getClaim(name);
        if (type == String.class) {
            return value instanceof String || value == null ? value
                    : value instanceof JsonString s ? s.getString() : null;
        }
        if (type == Long.class || type == long.class) {
            return value instanceof Number n ? Long.valueOf(n.longValue())
                    : value instanceof JsonNumber n ? n.longValue() : null;
        }
        if (type == Boolean.class || type == boolean.class) {
            return value instanceof Boolean ? value
                    : value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
        }
        if (type == Set.class) {
            return stringSet(value);
        }
        return type.isInstance(value) ? value : null;
    }

    private static Set<String> stringSet(Object value) {
        if (value instanceof Set<?> set) {
            return PlainValues.strings(set);
        }
        if (value instanceof JsonArray array) {
            Set<String> strings = new LinkedHashSet<>();
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    strings.add(s.getString());
                }
            }
            return strings;
        }
        return value instanceof String s ? Set.of(s) : null;
    }

    static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
