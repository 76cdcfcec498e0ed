package dev.tokenguard.jakarta;

import dev.tokenguard.AccessToken;
import dev.tokenguard.internal.jakarta.CallerName;
import dev.tokenguard.internal.PlainValues;
import dev.tokenguard.internal.jakarta.JsonValues;
import jakarta.security.enterprise.CallerPrincipal;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request that carried a valid token: one object that the container, Jakarta Security's
 * {@code SecurityContext} and an injected {@link JsonWebToken} all see.
 *
 * <p>{@link #getName()} is {@code upn}, else {@code preferred_username}, else {@code sub}, else the client id.
 * Claim values follow MicroProfile JWT: numeric dates as {@code Long}, {@code aud} and {@code groups} as
 * {@code Set<String>}, {@code raw_token} as the token, objects and arrays as JSON-P values, other strings,
 * numbers and booleans as themselves.
 */
public class TokenPrincipal extends CallerPrincipal implements JsonWebToken {

    private static final long serialVersionUID = 1L;
    private static final Set<String> NUMERIC_DATES = Set.of("exp", "iat", "nbf", "auth_time", "updated_at");

    // Serialised through SerializedForm (writeReplace), so these are never written as they are.
    private final transient AccessToken accessToken;
    private final transient Set<String> roles;

    /** A caller whose roles are the token's scopes. */
    public TokenPrincipal(AccessToken accessToken) {
        this(accessToken, accessToken.scopes());
    }

    /** A caller whose container roles are {@code roles} (see {@code tokenguard.roles}). */
    public TokenPrincipal(AccessToken accessToken, Collection<String> roles) {
        super(nameOf(accessToken));
        this.accessToken = accessToken;
        this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    }

    /** The token's caller name; for a token built without one (not through TokenGuard's mechanism), its client id. */
    private static String nameOf(AccessToken token) {
        return CallerName.of(token).orElse(token.clientId());
    }

    public AccessToken accessToken() {
        return accessToken;
    }

    /** The roles handed to the container: the token's scopes, unless {@code tokenguard.roles} says otherwise. */
    public Set<String> roles() {
        return roles;
    }

    @Override
    public String getName() {
        return super.getName();
    }

    @Override
    public String getRawToken() {
        return accessToken.token();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(accessToken.claims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    public Set<String> getGroups() {
        return PlainValues.strings(accessToken.claims().get("groups"));
    }

    @Override
    public long getExpirationTime() {
        Long exp = getClaim(Claims.exp.name());
        return exp == null ? 0 : exp;
    }

    @Override
    public long getIssuedAtTime() {
        Long iat = getClaim(Claims.iat.name());
        return iat == null ? 0 : iat;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claimValue(claimName);
    }

    private Object claimValue(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return accessToken.token();
        }
        Map<String, Object> claims = accessToken.claims();
        if (!claims.containsKey(name)) {
            return null;
        }
        Object value = claims.get(name);
        if (NUMERIC_DATES.contains(name) && value instanceof Number n) {
            return n.longValue();
        }
        if ("aud".equals(name) || "groups".equals(name)) {
            return PlainValues.strings(value);
        }
        return JsonValues.forClaim(value);
    }

    /**
     * A principal is {@code Serializable} (through {@code CallerPrincipal}) and servers write it into replicated
     * or passivated sessions; this plain form (token fields, claims as maps and lists, roles) comes back as an
     * equal principal.
     */
    private Object writeReplace() {
        return new SerializedForm(accessToken.token(), accessToken.clientId(), new ArrayList<>(accessToken.scopes()),
                accessToken.expiresAt(), accessToken.resource(), accessToken.subject(),
                SerializedForm.plain(accessToken.claims()), new ArrayList<>(roles));
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a TokenPrincipal is read through its serialized form");
    }

    private record SerializedForm(String token, String clientId, ArrayList<String> scopes, Instant expiresAt,
                                  String resource, String subject, LinkedHashMap<String, Object> claims,
                                  ArrayList<String> roles) implements Serializable {

        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new TokenPrincipal(new AccessToken(token, clientId, scopes, expiresAt, resource, subject, claims),
                    roles);
        }

        /** Claims as serializable collections (the immutable views are not). */
        @SuppressWarnings("unchecked")
        static <T> T plain(Object value) {
            if (value instanceof Map<?, ?> map) {
                LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put((String) k, plain(v)));
                return (T) copy;
            }
            if (value instanceof List<?> list) {
                ArrayList<Object> copy = new ArrayList<>();
                list.forEach(v -> copy.add(plain(v)));
                return (T) copy;
            }
            return (T) value;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenPrincipal other && other.accessToken.equals(accessToken) && other.roles.equals(roles);
    }

    @Override
    public int hashCode() {
        return accessToken.hashCode();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TokenPrincipal[" + getName() + ", roles=" + roles() + "]";
    }
}
