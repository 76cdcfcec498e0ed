package dev.tokenguard.internal.jakarta;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenguard.AccessToken;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenPrincipalTest {

    private static AccessToken token(Map<String, Object> claims) {
        return new AccessToken("eyJ.header.sig", "client-1", List.of("read", "write"),
                Instant.ofEpochSecond(4_000_000_000L), "https://api.test", "alice", claims);
    }

    private static Map<String, Object> oddClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "alice");
        claims.put("exp", 4_000_000_000L);
        claims.put("max", Double.MAX_VALUE);
        claims.put("min", -Double.MAX_VALUE);
        claims.put("tiny", Double.MIN_VALUE);
        claims.put("long", Long.MIN_VALUE);
        claims.put("null", null);
        claims.put("aud", List.of("a", 7L, true));
        claims.put("groups", Arrays.asList("g", null, Map.of("x", 1L)));
        claims.put("nested", Map.of("list", Arrays.asList(1.5, null, List.of()), "empty", Map.of()));
        claims.put("exp2", 1.5e300);
        claims.put("iat", 1.7e9);
        claims.put("bool", false);
        return claims;
    }

    @Test
    void itSurvivesSerialisationWithItsRolesAndClaims() throws Exception {
        TokenPrincipal principal = new TokenPrincipal(token(oddClaims()), List.of("read", "admin"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(principal);
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }
        TokenPrincipal copy = assertInstanceOf(TokenPrincipal.class, read);
        assertEquals(principal, copy);
        assertEquals(principal.getName(), copy.getName());
        assertEquals(Set.of("read", "admin"), copy.roles());
        assertEquals(principal.accessToken(), copy.accessToken());
        assertEquals(principal.getRawToken(), copy.getRawToken());
        assertEquals(principal.getExpirationTime(), copy.getExpirationTime());
        assertFalse(copy.toString().contains("eyJ"), "never prints the token");
    }

    @Test
    void theSerialisedFormIsTheOnlyWayIn() throws Exception {
        // A stream that claims to be a TokenPrincipal itself (not its serialized form) is refused.
        java.lang.reflect.Method readObject = TokenPrincipal.class.getDeclaredMethod("readObject",
                ObjectInputStream.class);
        readObject.setAccessible(true);
        TokenPrincipal principal = new TokenPrincipal(token(Map.of("sub", "alice")));
        Throwable thrown = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> readObject.invoke(principal, (ObjectInputStream) null)).getCause();
        assertInstanceOf(InvalidObjectException.class, thrown);
    }

    @Test
    void noClaimHoweverOddMakesAnAccessorOrAConversionThrow() {
        TokenPrincipal principal = new TokenPrincipal(token(oddClaims()));
        List<Type> types = List.of(String.class, Long.class, long.class, Boolean.class, boolean.class, Set.class,
                JsonValue.class, JsonString.class, JsonNumber.class, JsonArray.class, JsonObject.class, Object.class,
                new ParameterizedTypes.OptionalOf(Long.class), new ParameterizedTypes.OptionalOf(JsonValue.class),
                new ParameterizedTypes.OptionalOf(Set.class));
        for (String name : principal.getClaimNames()) {
            assertDoesNotThrow(() -> principal.getClaim(name), name);
            for (Type type : types) {
                assertDoesNotThrow(() -> ClaimConversion.convert(principal, name, type), () -> name + " as " + type);
            }
        }
        assertDoesNotThrow(principal::getGroups);
        assertDoesNotThrow(principal::getAudience);
        assertDoesNotThrow(principal::getIssuedAtTime);
        assertEquals(1_700_000_000L, principal.getIssuedAtTime());
        assertEquals(Double.MAX_VALUE, ((JsonNumber) ClaimConversion.convert(principal, "max", JsonNumber.class))
                .doubleValue());
        assertEquals(Set.of("g"), principal.getGroups());
        assertEquals(Optional.empty(), ClaimConversion.convert(principal, "missing",
                new ParameterizedTypes.OptionalOf(String.class)));
        // What once gave HTTP 500 from /api/whoami cannot reach a principal: no claim is infinite.
        assertThrows(IllegalArgumentException.class,
                () -> token(Map.of("score", Double.POSITIVE_INFINITY)));
    }
}
