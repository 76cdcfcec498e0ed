package dev.tokenguard.jwt;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.internal.TokenClaims;
import java.util.List;
import java.util.Map;

/** Builds the {@link AccessToken} from verified claims, by the rules of {@link TokenClaims}. */
final class TokenContents {

    private TokenContents() {
    }

    static AccessToken accessToken(String token, Map<String, Object> claims, String resource, TimeClaims times)
            throws RejectionException {
        List<String> scopes;
        try {
            scopes = TokenClaims.scopes(claims);
        } catch (IllegalArgumentException e) {
            throw new RejectionException(Rejection.INVALID_CLAIM, e.getMessage());
        }
        return new AccessToken(token, TokenClaims.clientId(claims), scopes, times.expiry(), resource,
                (String) claims.get("sub"), claims);
    }
}
