package dev.tokenguard.internal.jakarta;

import dev.tokenguard.AccessToken;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code @Inject JsonWebToken} and {@code @Inject AccessToken} for the current request.
 *
 * <p>The {@code JsonWebToken} bean is {@code @Typed(JsonWebToken.class)}: typed by its return type alone it
 * would also be a {@code Principal}, which Payara's own {@code Principal} bean makes ambiguous.
 * {@code AccessToken} is a record (final, so not proxyable) and therefore {@code @Dependent}: inject it into
 * request-scoped beans (JAX-RS resources are), or use {@code Instance<AccessToken>}. It is null for anonymous
 * requests.
 */
@ApplicationScoped
public class CallerProducers {

    @Inject
    HttpServletRequest request;

    @Produces
    @RequestScoped
    @Typed(JsonWebToken.class)
    JsonWebToken jsonWebToken() {
        TokenPrincipal principal = CurrentCaller.principal(request);
        return principal != null ? principal : EmptyJsonWebToken.INSTANCE;
    }

    @Produces
    @Dependent
    AccessToken accessToken() {
        TokenPrincipal principal = CurrentCaller.principal(request);
        return principal == null ? null : principal.accessToken();
    }

    /** The current caller, or null; for the claim producers. */
    TokenPrincipal current() {
        return CurrentCaller.principal(request);
    }
}
