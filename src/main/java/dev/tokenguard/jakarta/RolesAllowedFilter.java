package dev.tokenguard.jakarta;

import dev.tokenguard.config.TokenGuardSettings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;

/**
 * The role check for one resource method (registered by {@link RolesAllowedFeature}). For a caller
 * authenticated by TokenGuard, "has role X" means "the token has scope X or group X"; for callers of other
 * mechanisms the container's {@code isUserInRole} decides.
 */
final class RolesAllowedFilter implements ContainerRequestFilter {

    private final List<String> roles;
    private final boolean denyAll;

    @Context
    private HttpServletRequest servletRequest;

    RolesAllowedFilter(List<String> roles, boolean denyAll) {
        this.roles = List.copyOf(roles);
        this.denyAll = denyAll;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        Principal caller = CurrentCaller.principal(servletRequest);
        if (caller == null) {
            caller = security == null ? null : security.getUserPrincipal();
        }
        boolean anonymous = caller == null;
        if (!anonymous && !denyAll && hasAnyRole(caller, security)) {
            return;
        }
        Challenges challenges = new Challenges(settings(), servletRequest == null ? "" : servletRequest.getContextPath());
        Challenge challenge = anonymous ? challenges.tokenRequired(roles) : challenges.insufficientScope(roles);
        request.abortWith(Response.status(challenge.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge.wwwAuthenticate())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(challenge.body())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build());
    }

    private boolean hasAnyRole(Principal caller, SecurityContext security) {
        if (caller instanceof TokenPrincipal token) {
            return roles.stream().anyMatch(token.roles()::contains);
        }
        return security != null && roles.stream().anyMatch(security::isUserInRole);
    }

    /** JAX-RS instantiates nothing here (the feature does), so CDI is looked up rather than injected. */
    private static TokenGuardSettings settings() {
        return CDI.current().select(TokenGuardSettings.class).get();
    }
}
