package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role check of a resource method (registered by {@link RolesAllowedFeature}). For a caller
 * authenticated by TokenGuard, "has role X" means "X is one of its roles" (its scopes, unless
 * {@code tokenguard.roles} adds more); for callers of other
 * mechanisms the container's {@code isUserInRole} decides. {@code @DenyAll} is 403 for everyone: asking an
 * anonymous caller for a token that could never succeed would only send a client through a useless login.
 */
public class RolesAllowedFilter implements ContainerRequestFilter {

    private static final Map<Method, Optional<RoleRule>> RULES = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        RoleRule rule = method == null ? null : RULES.computeIfAbsent(method,
                m -> Optional.ofNullable(RoleRule.of(m))).orElse(null);
        if (rule == null) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal caller = CurrentCaller.principal(servletRequest);
        if (caller == null && security != null) {
            caller = security.getUserPrincipal();
        }
        boolean anonymous = caller == null;
        if (!anonymous && !rule.denyAll() && hasAnyRole(rule, caller, security)) {
            return;
        }
        Challenges challenges = new Challenges(settings(), servletRequest == null ? "" : servletRequest.getContextPath());
        Challenge challenge = anonymous && !rule.denyAll() ? challenges.tokenRequired(rule.roles())
                : challenges.insufficientScope(rule.roles());
        Response.ResponseBuilder refusal = Response.status(challenge.status()).entity(challenge.body())
                .type(Challenge.CONTENT_TYPE);
        challenge.headers().forEach(refusal::header);
        request.abortWith(refusal.build());
    }

    private static boolean hasAnyRole(RoleRule rule, Principal caller, SecurityContext security) {
        if (caller instanceof TokenPrincipal token) {
            return rule.roles().stream().anyMatch(token.roles()::contains);
        }
        return security != null && rule.roles().stream().anyMatch(security::isUserInRole);
    }

    /** The settings bean; filters are made by the JAX-RS runtime, which does not always inject CDI beans. */
    private static TokenGuardSettings settings() {
        return CDI.current().select(TokenGuardSettings.class).get();
    }
}
