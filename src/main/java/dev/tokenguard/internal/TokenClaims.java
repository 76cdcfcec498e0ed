package dev.tokenguard.internal;

import java.util.List;
import java.util.Map;

/**
 * How a token's claims become an {@code AccessToken}, whatever vouched for them (a JWT's signature, an
 * introspection answer): one rule for both. Scopes from {@code scope} (a space-separated string or a list), else
 * from {@code scp}, read by {@link Scopes} ({@code scope: ""} means no scopes, not "look at scp"); the client id
 * from {@code client_id}, else {@code azp}, else {@code sub}, else {@code "unknown"}.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /**
     * @throws IllegalArgumentException naming the claim, when {@code scope} or {@code scp} is not a list of scope
     *                                  tokens
     */
    public static List<String> scopes(Map<String, Object> claims) {
        String name = claims.containsKey("scope") ? "scope" : "scp";
        try {
            return Scopes.parse(claims.get(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" " + e.getMessage());
        }
    }

    public static String clientId(Map<String, Object> claims) {
        for (String name : new String[] {"client_id", "azp", "sub"}) {
            if (claims.get(name) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return "unknown";
    }
}
