package dev.tokenguard.internal.jakarta;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.internal.Scopes;
import dev.tokenguard.internal.config.TokenGuardSettings;
import java.net.URI;
import java.util.List;

/**
 * The one place where refusals become HTTP answers:
 * <ul>
 *   <li>no token on a protected resource: 401 {@code Bearer realm, scope, resource_metadata};
 *   <li>a bad token: 401 {@code error="invalid_token"} with the rejection category as description;
 *   <li>a valid token without a needed scope: 403 {@code error="insufficient_scope"} with {@code scope};
 *   <li>a request that carries two tokens (or an empty one): 400 {@code error="invalid_request"}.
 * </ul>
 */
public final class Challenges {

    /** Where RFC 9728 puts the metadata document, relative to the host (or to the application). */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final TokenGuardSettings settings;
    private final String metadataUrl;

    /**
     * @param contextPath the application's context path, so that the metadata URL points at what this
     *                    application serves even when it is not deployed at the root
     */
    public Challenges(TokenGuardSettings settings, String contextPath) {
        this.settings = settings;
        this.metadataUrl = settings.resource() == null ? null : metadataUrl(settings.resource(), contextPath);
    }

    /**
     * RFC 9728 §3.1: the well-known path goes between the host and the resource's path. For an application
     * at the root this is exactly the RFC's URL; otherwise the application's own copy under its context path.
     */
    static String metadataUrl(String resource, String contextPath) {
        URI uri = URI.create(resource);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String context = contextPath == null ? "" : contextPath;
        String suffix = !context.isEmpty() && (path.equals(context) || path.startsWith(context + "/"))
                ? path.substring(context.length()) : path;
        return origin + context + METADATA_PATH + suffix;
    }

    public Challenge tokenRequired() {
        return tokenRequired(settings.requiredScopes());
    }

    /** No token, where one is needed; {@code scopes} are those the resource needs. */
    public Challenge tokenRequired(List<String> scopes) {
        return new Challenge(401, header(null, null, scopes), null, "a bearer token is required");
    }

    /** A token that was refused; insufficient scope becomes 403, everything else 401 invalid_token. */
    public Challenge refused(Verification verification) {
        if (verification != null && verification.rejection() == Rejection.INSUFFICIENT_SCOPE) {
            return insufficientScope(settings.requiredScopes());
        }
        String description = verification == null || verification.rejection() == null
                ? "token is not valid" : verification.rejection().description();
        return new Challenge(401, header("invalid_token", description, List.of()), "invalid_token", description);
    }

    public Challenge insufficientScope(List<String> scopes) {
        String description = "token lacks a required scope";
        return new Challenge(403, header("insufficient_scope", description, scopes), "insufficient_scope",
                description);
    }

    public Challenge invalidRequest(String description) {
        return new Challenge(400, header("invalid_request", description, List.of()), "invalid_request", description);
    }

    private String header(String error, String description, List<String> scopes) {
        StringBuilder b = new StringBuilder("Bearer realm=\"").append(settings.realm()).append('"');
        if (error != null) {
            b.append(", error=\"").append(error).append('"');
            b.append(", error_description=\"").append(quoted(description)).append('"');
        }
        // Only scope-tokens: a role name from @RolesAllowed may be anything (a group with a space, a quote).
        List<String> named = scopes.stream().filter(Scopes::isScopeToken).toList();
        if (!named.isEmpty()) {
            b.append(", scope=\"").append(String.join(" ", named)).append('"');
        }
        if (metadataUrl != null) {
            b.append(", resource_metadata=\"").append(quoted(metadataUrl)).append('"');
        }
        return b.toString();
    }

    /** RFC 7230 quoted-string: backslash-escape quotes and backslashes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
