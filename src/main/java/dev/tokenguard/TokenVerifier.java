package dev.tokenguard;

import java.util.List;
import java.util.Optional;

/**
 * Checks a bearer token. Implementations never throw for any input, null included.
 *
 * <p>{@link #verifyToken} and {@link #loadAccessToken} are FastMCP's two names for the same question;
 * {@link #verify} also says why a token was refused.
 */
public interface TokenVerifier {

    /** The token's {@link AccessToken}, or the reason it is refused. Never throws. */
    Verification verify(String token);

    /** Scopes every accepted token must carry. */
    List<String> requiredScopes();

    /** The verified token, or empty when it is refused. Never throws. */
    default Optional<AccessToken> verifyToken(String token) {
        return verify(token).token();
    }

    /** Same as {@link #verifyToken}. */
    default Optional<AccessToken> loadAccessToken(String token) {
        return verifyToken(token);
    }
}
