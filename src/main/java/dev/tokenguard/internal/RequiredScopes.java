package dev.tokenguard.internal;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.util.ArrayList;
import java.util.List;

/** The one place where "the token carries every required scope" is decided. */
public final class RequiredScopes {

    private final List<String> scopes;

    private RequiredScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    /** Names that are not RFC 6749 scope-tokens are configuration mistakes and refused ({@link Scopes#names}). */
    public static RequiredScopes of(List<String> scopes) {
        return new RequiredScopes(Scopes.names(scopes));
    }

    public List<String> asList() {
        return scopes;
    }

    /** The required scopes that {@code granted} lacks, in configuration order; empty when all are present. */
    public List<String> missingFrom(List<String> granted) {
        List<String> missing = new ArrayList<>();
        for (String s : scopes) {
            if (!granted.contains(s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    /** Rejection for a token that lacks some of them, or null when it has them all. */
    public Verification check(AccessToken token) {
        List<String> missing = missingFrom(token.scopes());
        return missing.isEmpty() ? null
                : Verification.rejected(Rejection.INSUFFICIENT_SCOPE, "missing scope(s) " + missing);
    }
}
