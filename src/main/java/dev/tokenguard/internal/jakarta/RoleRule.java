package dev.tokenguard.internal.jakarta;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What the security annotations of a JAX-RS resource method demand, by Jakarta Annotations' rules (§3.7-§3.9 and
 * the inheritance rules of §2.1): the method's own annotation wins; otherwise the class-level annotation of the
 * class that <em>declares</em> the method applies, so a method inherited from an annotated base class keeps its
 * base class's rule in a subclass, and a subclass's class-level annotation covers only the methods it declares or
 * overrides. None at all means no rule.
 */
record RoleRule(List<String> roles, boolean denyAll) {

    /** The rule for a method, or null when it is open (no annotation, or {@code @PermitAll}). */
    static RoleRule of(Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RoleRule rule = declaredOn(method);
        return rule != null ? rule : declaredOn(method.getDeclaringClass());
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
