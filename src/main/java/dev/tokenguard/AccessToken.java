package dev.tokenguard;

import dev.tokenguard.internal.PlainValues;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A verified bearer token: who presented it, what it allows, and until when.
 *
 * <p>The same record FastMCP's verifiers return. {@code claims} holds every claim of the token as plain,
 * immutable Java values (String, Long, Double, Boolean, List, Map, or null).
 *
 * @param token     the token exactly as presented
 * @param clientId  {@code client_id}, else {@code azp}, else {@code sub}, else {@code "unknown"}
 * @param scopes    the granted scopes, in token order, without duplicates
 * @param expiresAt expiry ({@code exp}), or null when the token has none
 * @param resource  the resource (audience) the token was accepted for, or null when no audience is checked
 * @param subject   {@code sub}, or null
 * @param claims    every claim of the token
 */
public record AccessToken(String token, String clientId, List<String> scopes, Instant expiresAt,
                          String resource, String subject, Map<String, Object> claims) {

    public AccessToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(clientId, "clientId");
        scopes = List.copyOf(scopes);
        claims = PlainValues.immutableMap(claims);
    }

    /** Never prints the token itself: records end up in logs. */
    @Override
    public String toString() {
        return "AccessToken[clientId=" + clientId + ", subject=" + subject + ", scopes=" + scopes
                + ", expiresAt=" + expiresAt + ", resource=" + resource + "]";
    }
}
