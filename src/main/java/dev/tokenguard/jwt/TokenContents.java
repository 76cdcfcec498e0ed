package dev.tokenguard.jwt;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link AccessToken} from verified claims: scopes from {@code scope} (a space-separated string
 * or a list), else from {@code scp} (string or list) — {@code scope: ""} means no scopes, not "look at
 * scp"; client id from {@code client_id}, else {@code azp}, else {@code sub}, else {@code "unknown"}.
 */
final class TokenContents {

    private TokenContents() {
    }

    static AccessToken accessToken(String token, Map<String, Object> claims, String resource, TimeClaims times)
            throws Refusal {
        List<String> scopes = claims.containsKey("scope") ? scopes(claims.get("scope"), "scope")
                : scopes(claims.get("scp"), "scp");
        return new AccessToken(token, clientId(claims), scopes, times.expiry(), resource,
                (String) claims.get("sub"), claims);
    }

    static List<String> scopes(Object value, String name) throws Refusal {
        if (value == null) {
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (value instanceof String s) {
            // The parts between runs of space, tab, CR and LF, as s.split("[ \\t\\n\\r]+") without the regex.
            int start = -1;
            for (int i = 0; i <= s.length(); i++) {
                boolean separator = i == s.length() || isScopeSeparator(s.charAt(i));
                if (separator && start >= 0) {
                    scopes.add(s.substring(start, i));
                    start = -1;
                } else if (!separator && start < 0) {
                    start = i;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new Refusal(Rejection.INVALID_CLAIM, "\"" + name + "\" holds a non-string entry");
                }
                if (!s.isBlank()) {
                    scopes.add(s.strip());
                }
            }
        } else {
            throw new Refusal(Rejection.INVALID_CLAIM, "\"" + name + "\" is neither a string nor a list");
        }
        return new ArrayList<>(scopes);
    }

    private static boolean isScopeSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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
