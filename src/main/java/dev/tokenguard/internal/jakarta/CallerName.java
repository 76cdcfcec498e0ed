package dev.tokenguard.internal.jakarta;

import dev.tokenguard.AccessToken;
import java.util.List;
import java.util.Optional;

/**
 * The name a token gives its caller, as MP-JWT defines it: {@code upn}, else {@code preferred_username}, else
 * {@code sub}. A token that names no caller is refused by the Jakarta layer (MP-JWT TCK {@code verifyTokenWithoutName}):
 * the container needs a caller name, and inventing one (the client id) would give two different callers one name.
 */
public final class CallerName {

    private static final List<String> CLAIMS = List.of("upn", "preferred_username", "sub");

    private CallerName() {
    }

    public static Optional<String> of(AccessToken token) {
        for (String claim : CLAIMS) {
            if (token.claims().get(claim) instanceof String s && !s.isEmpty()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
