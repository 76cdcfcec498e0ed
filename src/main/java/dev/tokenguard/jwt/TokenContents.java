package dev.tokenguard.jwt;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.internal.Scopes;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link AccessToken} from verified claims: scopes from {@code scope} (a space-separated string
 * or a list), else from {@code scp} (string or list), read by {@link Scopes} — {@code scope: ""} means no
 * scopes, not "look at scp"; client id from {@code client_id}, else {@code azp}, else {@code sub}, else {@code "unknown"}.
 */
final class TokenContents {

    private TokenContents() {
    }

    static AccessToken accessToken(String token, Map<String, Object> claims, String resource, TimeClaims times)
            throws RejectionException {
        List<String> scopes = claims.containsKey("scope") ? scopes(claims.get("scope"), "scope")
                : scopes(claims.get("scp"), "scp");
        return new AccessToken(token, clientId(claims), scopes, times.expiry(), resource,
                (String) claims.get("sub"), claims);
    }

    static List<String> scopes(Object value, String name) throws RejectionException {
        try {
            return Scopes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new RejectionException(Rejection.INVALID_CLAIM, "\"" + name + "\" " + e.getMessage());
        }
    }

    static String clientId(Map<String, Object> claims) {
        for (String name : new String[] {"client_id", "azp", "sub"}) {
            if (claims.get(name) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return "unknown";
    }
}
