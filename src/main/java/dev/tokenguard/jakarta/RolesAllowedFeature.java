package dev.tokenguard.jakarta;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll} and {@code @PermitAll} on JAX-RS resources the same way on
 * every server: an anonymous caller gets 401 with a challenge, a caller without the role gets 403
 * {@code insufficient_scope}. Without it RESTEasy ignores the annotations unless told otherwise, and the
 * servers that honour them answer with different statuses and no {@code WWW-Authenticate}.
 * The method's annotation wins over the class's (Jakarta Annotations §3.7).
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        if (method == null || type == null) {
            return;
        }
        RoleRule rule = ruleOf(method.getAnnotation(DenyAll.class) != null, method.getAnnotation(PermitAll.class) != null,
                method.getAnnotation(RolesAllowed.class));
        if (rule == null) {
            rule = ruleOf(type.getAnnotation(DenyAll.class) != null, type.getAnnotation(PermitAll.class) != null,
                    type.getAnnotation(RolesAllowed.class));
        }
        if (rule != null && !rule.permitAll()) {
            context.register(new RolesAllowedFilter(rule.roles(), rule.denyAll()), Priorities.AUTHORIZATION);
        }
    }

    private record RoleRule(List<String> roles, boolean denyAll, boolean permitAll) {
    }

    private static RoleRule ruleOf(boolean denyAll, boolean permitAll, RolesAllowed rolesAllowed) {
        if (denyAll) {
            return new RoleRule(List.of(), true, false);
        }
        if (rolesAllowed != null) {
            return new RoleRule(List.of(rolesAllowed.value()), false, false);
        }
        return permitAll ? new RoleRule(List.of(), false, true) : null;
    }
}
