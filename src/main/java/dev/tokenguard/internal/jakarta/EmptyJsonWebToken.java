package dev.tokenguard.internal.jakarta;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What an anonymous request sees through an injected {@link JsonWebToken}: no name, no claims, no token
 * (the behaviour of MicroProfile JWT implementations when a request carries no token), rather than an
 * exception.
 */
final class EmptyJsonWebToken implements JsonWebToken {

    static final EmptyJsonWebToken INSTANCE = new EmptyJsonWebToken();

    private EmptyJsonWebToken() {
    }

    @Override
    public String getName() {
        return null;
    }

    /** null, not an empty set: what MP-JWT implementations answer, and the TCK checks (EmptyTokenTest). */
    @Override
    public Set<String> getClaimNames() {
        return null;
    }

    @Override
    public boolean containsClaim(String claimName) {
        return false; // the default implementation would call getClaimNames()
    }

    @Override
    public <T> T getClaim(String claimName) {
        return null;
    }

    @Override
    public long getExpirationTime() {
        return 0;
    }

    @Override
    public long getIssuedAtTime() {
        return 0;
    }

    @Override
    public Set<String> getGroups() {
        return Set.of();
    }

    @Override
    public Set<String> getAudience() {
        return null;
    }

    @Override
    public String toString() {
        return "JsonWebToken[anonymous]";
    }
}
