package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates every request by its bearer token, statelessly.
 *
 * <ul>
 *   <li>No token: nothing happens on a public resource; a protected one gets 401 with a challenge.
 *   <li>A valid token: the caller is a {@link TokenPrincipal} whose roles are its scopes (or what
 *       {@code tokenguard.roles} names).
 *   <li>A refused token: 401 {@code invalid_token} (403 {@code insufficient_scope} when only required scopes
 *       are missing), on public resources too, because a client that sends a bad token must learn so.
 *   <li>Another scheme's credential (Basic, Digest, …): 401 with the Bearer challenge, as for no token, on public
 *       resources too.
 *   <li>A Bearer credential that is not exactly one {@code Bearer <token68>} (two credentials, two fields, an empty
 *       token): 400 {@code invalid_request}, on public resources too.
 * </ul>
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    /** Request attribute holding the {@link TokenPrincipal} of an authenticated request. */
    public static final String PRINCIPAL_ATTRIBUTE = "dev.tokenguard.principal";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    TokenGuardSettings settings;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // Challenges (which parses the resource URI) only for a refusal: most requests are accepted or anonymous.
        TokenExtractor.Found found = TokenExtractor.find(request, settings.tokenLocation());
        if (found.problem() != null) {
            return refuse(request, response, challenges(request).invalidRequest(found.problem()));
        }
        if (found.otherScheme()) {
            // Refused on public resources too, and committed: Open Liberty parses a Basic value after the mechanism
            // whatever it returns, and answers a malformed one with its own HTTP 500 (DESIGN.md).
            return refuse(request, response, challenges(request).tokenRequired());
        }
        if (found.none()) {
            // Only the container's own check of a protected resource gets a challenge. An authenticate() call from
            // inside the application (where isProtected() is always true) leaves the decision to that code: Payara
            // calls SecurityContext.authenticate() before every method-level @PermitAll JAX-RS method, ignores the
            // answer and runs the method, which would then write its body after our challenge on the same
            // connection (a response desync). @RolesAllowed methods get their challenge from RolesAllowedFilter.
            return context.isProtected() && !context.isAuthenticationRequest()
                    ? refuse(request, response, challenges(request).tokenRequired())
                    : context.doNothing();
        }
        BearerTokenCredential credential = new BearerTokenCredential(found.token());
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            request.setAttribute(PRINCIPAL_ATTRIBUTE, result.getCallerPrincipal());
            return context.notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
        }
        return refuse(request, response, challenges(request).refused(credential.verification()));
    }

    private Challenges challenges(HttpServletRequest request) {
        return new Challenges(settings, request.getContextPath());
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
                                               Challenge challenge) {
        ChallengeWriter.send(request, response, challenge);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
