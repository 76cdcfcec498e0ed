package dev.tokenguard.jakarta;

import dev.tokenguard.internal.Scopes;
import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.internal.jakarta.ChallengeWriter;
import dev.tokenguard.internal.jakarta.Challenges;
import dev.tokenguard.internal.jakarta.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.List;

/**
 * Scope checks for code that decides per request which scopes it needs, where {@code @RolesAllowed} cannot
 * say it: one operation of a JSON-RPC endpoint (an MCP tool), a field of a GraphQL query, a servlet. Answers
 * exactly as the rest of TokenGuard does: 401 with a challenge naming the scopes for an anonymous caller, 403
 * {@code insufficient_scope} with {@code scope} and {@code resource_metadata} for a caller without them.
 *
 * <pre>{@code
 * @Inject ScopeEnforcer scopes;
 * if (!scopes.require(request, response, List.of("admin"))) {
 *     return; // the refusal has been written
 * }
 * }</pre>
 */
@ApplicationScoped
public class ScopeEnforcer {

    @Inject
    TokenGuardSettings settings;

    /**
     * True when the token of {@code request} carries every one of {@code scopes} — scopes only, whatever
     * {@code tokenguard.roles} adds to the container's roles; otherwise writes the refusal to {@code response}
     * and returns false. An empty list only demands an authenticated caller.
     *
     * @throws IllegalArgumentException when a name is not an RFC 6749 scope-token (a programming mistake)
     */
    public boolean require(HttpServletRequest request, HttpServletResponse response, Collection<String> scopes) {
        List<String> needed = Scopes.names(scopes);
        TokenPrincipal caller = CurrentCaller.principal(request);
        if (caller != null && caller.accessToken().scopes().containsAll(needed)) {
            return true;
        }
        Challenges challenges = new Challenges(settings, request.getContextPath());
        ChallengeWriter.send(request, response, caller == null ? challenges.tokenRequired(needed)
                : challenges.insufficientScope(needed));
        return false;
    }

    /** The scopes of the request's token, or an empty list for an anonymous request. */
    public List<String> grantedTo(HttpServletRequest request) {
        TokenPrincipal caller = CurrentCaller.principal(request);
        return caller == null ? List.of() : caller.accessToken().scopes();
    }
}
