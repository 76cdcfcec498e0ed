package dev.tokenguard.internal.config;

import dev.tokenguard.TokenVerifier;
import dev.tokenguard.Verification;
import java.util.List;

/**
 * A token that has the form of a JWT (a compact JWS of three base64url parts, or a JWE of five) goes to the JWT
 * verifier; any other to introspection. The form only chooses the verifier: a JWT that the JWT verifier refuses is
 * refused, never introspected instead, so a forged JWT cannot reach the other path.
 */
final class JwtOrIntrospection implements TokenVerifier {

    private final TokenVerifier jwt;
    private final TokenVerifier introspection;

    JwtOrIntrospection(TokenVerifier jwt, TokenVerifier introspection) {
        this.jwt = jwt;
        this.introspection = introspection;
    }

    @Override
    public Verification verify(String token) {
        return looksLikeJwt(token) ? jwt.verify(token) : introspection.verify(token);
    }

    @Override
    public List<String> requiredScopes() {
        return jwt.requiredScopes(); // both are built from the same tokenguard.required-scopes
    }

    /** Three or five parts of base64url characters, separated by dots, each part non-empty but a JWS's third. */
    static boolean looksLikeJwt(String token) {
        if (token == null) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return (dots == 2 || dots == 4) && !token.startsWith(".");
    }

    @Override
    public String toString() {
        return "JWTs: " + jwt + "; other tokens: " + introspection;
    }
}
