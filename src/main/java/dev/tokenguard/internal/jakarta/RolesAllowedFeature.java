package dev.tokenguard.internal.jakarta;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll} and {@code @PermitAll} on JAX-RS resources the same way on
 * every server: an anonymous caller gets 401 with a challenge, a caller without the role gets 403
 * {@code insufficient_scope}. Without it RESTEasy ignores the annotations unless told otherwise, and the
 * servers that honour them answer with different statuses and no {@code WWW-Authenticate}. Every resource method also
 * gets {@link CallerSecurityContextFilter}, so that its {@code SecurityContext} is TokenGuard's caller.
 *
 * <p>The filter is registered by class, not as an instance, so that the JAX-RS runtime injects its
 * {@code @Context} fields (Jersey does not inject into instances registered by a feature).
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (resourceInfo.getResourceMethod() != null) {
            context.register(CallerSecurityContextFilter.class, Priorities.AUTHENTICATION);
        }
        if (resourceInfo.getResourceMethod() != null
                && RoleRule.of(resourceInfo.getResourceMethod()) != null) {
            context.register(RolesAllowedFilter.class, Priorities.AUTHORIZATION);
        }
    }
}
