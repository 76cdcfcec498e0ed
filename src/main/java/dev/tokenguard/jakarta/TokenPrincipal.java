package dev.tokenguard.jakarta;

import dev.tokenguard.AccessToken;
import jakarta.security.enterprise.CallerPrincipal;
import java.util.Collection;
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

    private final transient AccessToken accessToken;

    public TokenPrincipal(AccessToken accessToken) {
        super(nameOf(accessToken));
        this.accessToken = accessToken;
    }

    private static String nameOf(AccessToken token) {
        for (String claim : List.of("upn", "preferred_username", "sub")) {
            if (token.claims().get(claim) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return token.clientId();
    }

    public AccessToken accessToken() {
        return accessToken;
    }

    /** The roles handed to the container: the granted scopes and the {@code groups} claim. */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>(accessToken.scopes());
        roles.addAll(stringSet(accessToken.claims().get("groups")));
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
        return stringSet(accessToken.claims().get("groups"));
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
            return stringSet(value);
        }
        return JsonValues.forClaim(value);
    }

    static Set<String> stringSet(Object value) {
        Set<String> set = new LinkedHashSet<>();
        if (value instanceof String s) {
            set.add(s);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    set.add(s);
                }
            }
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenPrincipal other && other.accessToken.equals(accessToken);
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
