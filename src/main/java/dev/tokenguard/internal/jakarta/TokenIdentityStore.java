package dev.tokenguard.internal.jakarta;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.internal.RejectionLog;
import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * Validates {@link BearerTokenCredential}s with the configured {@link dev.tokenguard.TokenVerifier}. A valid
 * token yields a {@link TokenPrincipal} whose groups (the container's roles) are the token's scopes, or what
 * {@code tokenguard.roles} names instead ({@link dev.tokenguard.internal.config.RoleMapping}). Other credential types are left to other identity stores.
 *
 * <p>Both validation types (the default) are declared on purpose: the standard {@code IdentityStoreHandler}
 * takes the groups of a valid result only from stores that also provide groups.
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    @Inject
    TokenGuardSettings settings;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerTokenCredential bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Verification verification;
        try {
            verification = settings.verifier().verify(bearer.token());
        } catch (RuntimeException unexpected) {
            // TokenGuard's verifiers never throw; an application's own TokenVerifier might.
            verification = RejectionLog.log("token verifier", RejectionLog.unexpected("token verifier", unexpected));
        }
        if (verification.isAccepted() && CallerName.of(verification.accessToken()).isEmpty()) {
            verification = RejectionLog.log("token verifier", Verification.rejected(Rejection.MISSING_CLAIM,
                    "the token names no caller: none of upn, preferred_username, sub"));
        }
        bearer.verification(verification);
        if (!verification.isAccepted()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        TokenPrincipal principal = new TokenPrincipal(verification.accessToken(),
                settings.roles().rolesOf(verification.accessToken()));
        return new CredentialValidationResult(principal, principal.roles());
    }
}
