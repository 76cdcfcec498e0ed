package dev.tokenguard.internal.config;

import dev.tokenguard.TokenVerifier;
import java.util.List;

/**
 * Everything TokenGuard's HTTP layer needs, read from MicroProfile Config by {@link TokenGuardConfig}.
 *
 * @param verifier             checks each token
 * @param tokenLocation        where requests carry the token
 * @param realm                the {@code realm} of every {@code WWW-Authenticate} challenge
 * @param resource             canonical URI of this protected resource (RFC 9728), or null
 * @param authorizationServers issuers that mint tokens for it, for the metadata document
 * @param scopesSupported      scopes announced in the metadata document
 * @param roles                where a caller's container roles come from (default: its scopes only)
 * @param description          what is active, for the startup log; no secrets
 */
public record TokenGuardSettings(TokenVerifier verifier, TokenLocation tokenLocation, String realm, String resource,
                                 List<String> authorizationServers, List<String> scopesSupported,
                                 RoleMapping roles, String description) {

    public TokenGuardSettings {
        authorizationServers = List.copyOf(authorizationServers);
        scopesSupported = List.copyOf(scopesSupported);
        roles = roles == null ? RoleMapping.SCOPES_ONLY : roles;
    }

    /** Scopes every token must carry; also announced in challenges and metadata. */
    public List<String> requiredScopes() {
        return verifier.requiredScopes();
    }
}
