package dev.tokenguard.internal.jakarta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;

/**
 * MicroProfile JWT {@code @Claim} injection: {@code @Claim("name")} or {@code @Claim(standard = Claims.iat)}
 * on raw types, {@code Optional<T>}, {@code ClaimValue<T>} and the JSON-P types. As the specification says,
 * raw types and {@code Optional} are resolved when the bean is created, so they belong in request-scoped
 * beans; {@code ClaimValue}, {@code Instance} and {@code Provider} read the claim of the current request on
 * every call and may be injected anywhere. Each producer is {@code @Typed} to its own type, so that a
 * {@code JsonValue} injection point does not also match the {@code JsonString} producer.
 */
@ApplicationScoped
public class ClaimProducers {

    @Inject
    CallerProducers caller;

    @Produces @Dependent @Claim("") @Typed(String.class)
    String string(InjectionPoint ip) {
        return (String) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(Set.class)
    Set<String> stringSet(InjectionPoint ip) {
        @SuppressWarnings("unchecked")
        Set<String> set = (Set<String>) value(ip);
        return set;
    }

    @Produces @Dependent @Claim("") @Typed(Long.class)
    Long longValue(InjectionPoint ip) {
        return (Long) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(Boolean.class)
    Boolean booleanValue(InjectionPoint ip) {
        return (Boolean) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(JsonValue.class)
    JsonValue jsonValue(InjectionPoint ip) {
        return (JsonValue) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(JsonString.class)
    JsonString jsonString(InjectionPoint ip) {
        return (JsonString) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(JsonNumber.class)
    JsonNumber jsonNumber(InjectionPoint ip) {
        return (JsonNumber) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(JsonArray.class)
    JsonArray jsonArray(InjectionPoint ip) {
        return (JsonArray) value(ip);
    }

    @Produces @Dependent @Claim("") @Typed(JsonObject.class)
    JsonObject jsonObject(InjectionPoint ip) {
        return (JsonObject) value(ip);
    }

    @Produces @Dependent @Claim("")
    <T> Optional<T> optional(InjectionPoint ip) {
        @SuppressWarnings("unchecked")
        Optional<T> optional = (Optional<T>) value(ip);
        return optional;
    }

    @Produces @Dependent @Claim("")
    <T> ClaimValue<T> claimValue(InjectionPoint ip) {
        String name = claimName(ip);
        Type valueType = ip.getType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        return new CurrentClaimValue<>(name, () -> ClaimConversion.convert(caller.current(), name, valueType));
    }

    private Object value(InjectionPoint ip) {
        return ClaimConversion.convert(caller.current(), claimName(ip), ip.getType());
    }

    /** {@code @Claim("name")}, or the standard claim's name, as the specification resolves them. */
    static String claimName(InjectionPoint ip) {
        for (Annotation a : ip.getQualifiers()) {
            if (a instanceof Claim claim) {
                if (!claim.value().isEmpty()) {
                    return claim.value();
                }
                return claim.standard() == Claims.UNKNOWN ? null : claim.standard().name();
            }
        }
        return null;
    }
}
