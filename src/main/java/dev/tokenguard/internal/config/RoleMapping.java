package dev.tokenguard.internal.config;

import dev.tokenguard.AccessToken;
import dev.tokenguard.internal.PlainValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the container's roles of a caller come from ({@code tokenguard.roles}): by default the token's scopes
 * only, so that {@code @RolesAllowed("read")} means "the token has the read scope". An operator may add claims:
 * {@code groups} (MicroProfile JWT), or a path into nested objects such as {@code realm_access/roles} or
 * {@code resource_access/my-client/roles} (Keycloak), {@code roles} (Entra ID), {@code permissions} (Auth0).
 *
 * <p>Adding a user's groups is a choice, not a default: a client granted only {@code read} on behalf of a user in
 * group {@code admin} must not reach admin methods. Claim values count as roles only when they are strings (or
 * lists of strings), exactly as written.
 */
public final class RoleMapping {

    /** The source name that stands for the token's scopes. */
    public static final String SCOPE = "scope";
    /** The default: scopes only. */
    public static final RoleMapping SCOPES_ONLY = new RoleMapping(List.of(SCOPE));

    private final List<String> sources;
    private final List<List<String>> claimPaths;
    private final boolean scopes;

    private RoleMapping(List<String> sources) {
        this.sources = List.copyOf(sources);
        List<List<String>> paths = new ArrayList<>();
        boolean withScopes = false;
        for (String s : sources) {
            if (s.equals(SCOPE)) {
                withScopes = true;
            } else {
                paths.add(List.of(s.split("/", -1)));
            }
        }
        this.claimPaths = List.copyOf(paths);
        this.scopes = withScopes;
    }

    /**
     * @param sources {@code scope}, or claim paths whose segments are separated by {@code /}
     * @throws IllegalArgumentException for an empty list or an empty path segment
     */
    public static RoleMapping of(List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("no role source: use scope, groups, or a claim path such as"
                    + " realm_access/roles");
        }
        for (String s : sources) {
            if (s == null || s.isEmpty() || s.startsWith("/") || s.endsWith("/") || s.contains("//")) {
                throw new IllegalArgumentException("\"" + s + "\" is not a role source: use scope, groups, or a"
                        + " claim path such as realm_access/roles");
            }
        }
        return new RoleMapping(new ArrayList<>(new LinkedHashSet<>(sources)));
    }

    /** The roles of a verified token, in source order, without duplicates. */
    public Set<String> rolesOf(AccessToken token) {
        Set<String> roles = new LinkedHashSet<>();
        if (scopes) {
            roles.addAll(token.scopes());
        }
        for (List<String> path : claimPaths) {
            roles.addAll(PlainValues.strings(at(token.claims(), path)));
        }
        return roles;
    }

    public List<String> sources() {
        return sources;
    }

    private static Object at(Map<String, Object> claims, List<String> path) {
        Object value = claims;
        for (String segment : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(segment);
        }
        return value;
    }

    @Override
    public String toString() {
        return String.join(",", sources);
    }
}
