package dev.tokenguard.jakarta;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What the security annotations of a JAX-RS resource method demand. The method's annotation wins over the
 * class's (Jakarta Annotations §3.7); none at all means no rule.
 */
record RoleRule(List<String> roles, boolean denyAll) {

    /** The rule for a method, or null when it is open (no annotation, or {@code @PermitAll}). */
    static RoleRule of(Method method, Class<?> resourceClass) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RoleRule rule = declaredOn(method);
        return rule != null ? rule : declaredOn(resourceClass);
    }

    private static RoleRule declaredOn(AnnotatedElement element) {
        if (element == null || element.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        if (element.isAnnotationPresent(DenyAll.class)) {
            return new RoleRule(List.of(), true);
        }
        RolesAllowed rolesAllowed = element.getAnnotation(RolesAllowed.class);
        return rolesAllowed == null ? null : new RoleRule(List.of(rolesAllowed.value()), false);
    }
}
