package dev.tokenguard.internal.jakarta;

import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Makes JAX-RS see TokenGuard's caller: {@code SecurityContext.getUserPrincipal()} is the {@link TokenPrincipal} (a
 * {@code JsonWebToken}) and {@code isUserInRole} answers from its roles, on every server. Without it each server
 * answers from its own idea of the caller: Payara's JAX-RS {@code @RolesAllowed} filter asks its container, which
 * knows no role the application did not declare in web.xml (measured with the MP-JWT TCK: 403 for every role check),
 * as SmallRye JWT's own filter does for the same reason.
 */
public class CallerSecurityContextFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        TokenPrincipal caller = CurrentCaller.principal(servletRequest);
        if (caller != null) {
            request.setSecurityContext(new CallerContext(caller, request.getSecurityContext().isSecure()));
        }
    }

    private record CallerContext(TokenPrincipal caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.roles().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
