package dev.tokenguard.internal.config;

import static dev.tokenguard.config.ConfigKeys.*;

import dev.tokenguard.StaticTokenVerifier;
import dev.tokenguard.TokenVerifier;
import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.internal.PlainValues;
import dev.tokenguard.internal.Scopes;
import dev.tokenguard.introspection.IntrospectionVerifier;
import dev.tokenguard.jwt.JwtVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * Reads TokenGuard's settings from MicroProfile Config: the standard {@code mp.jwt.*} properties unchanged,
 * {@code tokenguard.*} for the rest. Every problem is a {@link ConfigurationException} naming the property.
 */
public final class TokenGuardConfig {

    /** RFC 9110 §5.6.2 token characters: what a header or cookie name may contain. */
    private static final String TOKEN_CHARACTERS = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private TokenGuardConfig() {
    }

    public static TokenGuardSettings read(Config config) {
        ConfigValues values = new ConfigValues(config);
        String resource = values.string(RESOURCE)
                .map(r -> ConfigValues.headerSafe(RESOURCE, CanonicalResource.of(RESOURCE, r))).orElse(null);
        TokenVerifier verifier = switch (verifierKind(values)) {
            case "static" -> staticVerifier(values);
            case "introspection" -> introspectionVerifier(values, resource);
            case "jwt+introspection" -> jwtsOrIntrospection(values, resource);
            default -> jwtVerifier(values, resource);
        };
        List<String> authorizationServers = values.list(AUTHORIZATION_SERVERS);
        for (String server : authorizationServers) {
            ConfigValues.httpUri(AUTHORIZATION_SERVERS, server);
        }
        if (authorizationServers.isEmpty()) {
            // An issuer may be any string (RFC 7519 §4.1.1); only URL issuers can be announced as servers.
            authorizationServers = values.list(ISSUER).stream().filter(TextLocation::isHttp).toList();
        }
        TokenLocation location = tokenLocation(values);
        String realm = ConfigValues.headerSafe(REALM, values.string(REALM).orElse("tokenguard"));
        String description = verifier + ", token from " + location
                + (resource == null ? "" : ", resource " + resource);
        List<String> scopesSupported = scopeNames(SCOPES_SUPPORTED, values.list(SCOPES_SUPPORTED));
        if (scopesSupported.isEmpty()) {
            scopesSupported = verifier.requiredScopes();
        }
        RoleMapping roles = roleMapping(values);
        return new TokenGuardSettings(verifier, location, realm, resource, authorizationServers, scopesSupported,
                roles, description + ", roles from " + roles);
    }

    private static List<String> scopeNames(String key, List<String> names) {
        try {
            return Scopes.names(names);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage());
        }
    }

    private static RoleMapping roleMapping(ConfigValues values) {
        List<String> sources = values.list(ROLES);
        if (sources.isEmpty()) {
            return RoleMapping.SCOPES_ONLY;
        }
        try {
            return RoleMapping.of(sources);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ROLES, e.getMessage());
        }
    }

    private static String verifierKind(ConfigValues values) {
        // A decryption key means a JWT verifier too: the builder then says that it needs a verification key as well.
        boolean jwtKey = values.string(PUBLIC_KEY).isPresent() || values.string(PUBLIC_KEY_LOCATION).isPresent()
                || values.string(SECRET).isPresent() || values.string(DECRYPT_KEY_LOCATION).isPresent();
        boolean staticTokens = values.string(STATIC_TOKENS).isPresent();
        boolean introspection = values.string(INTROSPECTION_ENDPOINT).isPresent();
        // Only an issuer: its keys are found by discovery (JwtVerifier.Builder#discoverKeys).
        jwtKey |= !staticTokens && !introspection && values.string(ISSUER).isPresent();
        Optional<String> chosen = values.string(VERIFIER).map(v -> v.toLowerCase(Locale.ROOT));
        if (chosen.isPresent()) {
            if (!List.of("jwt", "static", "introspection").contains(chosen.get())) {
                throw new ConfigurationException(VERIFIER, "expects jwt, static or introspection, not \""
                        + chosen.get() + "\"");
            }
            return chosen.get().equals("jwt") && introspection ? "jwt+introspection" : chosen.get();
        }
        if (introspection && !staticTokens) {
            return jwtKey ? "jwt+introspection" : "introspection";
        }
        if (jwtKey && staticTokens) {
            throw new ConfigurationException(VERIFIER, "both JWT keys and " + STATIC_TOKENS + " are set; set "
                    + VERIFIER + " to jwt or static");
        }
        if (!jwtKey && !staticTokens) {
            throw new ConfigurationException(PUBLIC_KEY_LOCATION, "no verifier configured: set " + PUBLIC_KEY_LOCATION
                    + " (a JWKS URL or a key file), " + PUBLIC_KEY + ", " + SECRET + " (HS256), " + ISSUER
                    + " alone (its keys found by discovery), " + INTROSPECTION_ENDPOINT + " (RFC 7662), or "
                    + STATIC_TOKENS);
        }
        return staticTokens ? "static" : "jwt";
    }

    /**
     * Each property becomes one builder call; the builder owns every rule and default, and its errors name the
     * setting, which is mapped back to the property here ({@link #propertyOf}).
     */
    private static TokenVerifier jwtVerifier(ConfigValues values, String resource) {
        Optional<String> key = values.string(PUBLIC_KEY);
        Optional<String> location = values.string(PUBLIC_KEY_LOCATION);
        Optional<String> secret = values.string(SECRET);
        // Three properties for the builder's key sources: which properties clash is the configuration's to say (the
        // builder would name its own methods); that only one may be set is the builder's rule.
        String keyProperty = key.isPresent() ? PUBLIC_KEY : location.isPresent() ? PUBLIC_KEY_LOCATION
                : secret.isPresent() ? SECRET : PUBLIC_KEY_LOCATION;
        if (Stream.of(key, location, secret).filter(Optional::isPresent).count() > 1) {
            throw new ConfigurationException(keyProperty, "set only one of " + PUBLIC_KEY + ", " + PUBLIC_KEY_LOCATION
                    + " and " + SECRET);
        }
        JwtVerifier.Builder builder = JwtVerifier.builder();
        if (key.isEmpty() && location.isEmpty() && secret.isEmpty() && values.string(ISSUER).isPresent()) {
            builder.discoverKeys();
            keyProperty = ISSUER;
        }
        key.ifPresent(builder::publicKey);
        secret.ifPresent(builder::sharedSecret);
        location.ifPresent(l -> {
            if (TextLocation.isHttp(l)) {
                builder.jwksUri(l);
            } else {
                builder.publicKey(TextLocation.read(PUBLIC_KEY_LOCATION, l));
            }
        });
        // MP-JWT 2.1: the decryption key is read from a location only, never inlined (keep private keys out of
        // configuration); an http(s) location is read once, at deployment: it is not a key set that rotates.
        values.string(DECRYPT_KEY_LOCATION).ifPresent(l -> builder.decryptionKey(TextLocation.isHttp(l)
                ? TextLocation.fetch(DECRYPT_KEY_LOCATION, l) : TextLocation.read(DECRYPT_KEY_LOCATION, l)));
        builder.decryptionAlgorithm(values.list(DECRYPT_ALGORITHMS).toArray(String[]::new));
        List<String> algorithms = values.list(ALGORITHMS);
        if (!algorithms.isEmpty()) {
            builder.algorithm(algorithms.toArray(String[]::new));
        } else if (secret.isPresent()) {
            builder.algorithm("HS256"); // tokenguard.jwt.secret is an HMAC secret: HS256 unless the algorithms say more
        }
        builder.issuer(values.list(ISSUER).toArray(String[]::new));
        builder.audience(audiences(values, resource).toArray(String[]::new));
        builder.requiredScopes(values.list(REQUIRED_SCOPES).toArray(String[]::new));
        values.duration(CLOCK_SKEW).ifPresent(builder::clockSkew);
        values.duration(TOKEN_AGE).ifPresent(builder::maxTokenAge);
        values.bool(REQUIRE_EXPIRATION).ifPresent(builder::requireExpiration);
        values.integer(MAX_TOKEN_SIZE).ifPresent(builder::maxTokenSize);
        values.integer(MIN_RSA_KEY_BITS).ifPresent(builder::minRsaKeyBits);
        values.duration(JWKS_CACHE_TTL).ifPresent(builder::keySetCacheTtl);
        values.duration(JWKS_MIN_REFRESH_INTERVAL).ifPresent(builder::keySetMinRefreshInterval);
        values.duration(JWKS_OUTAGE_TOLERANCE).ifPresent(builder::keySetOutageTolerance);
        values.duration(JWKS_CONNECT_TIMEOUT).ifPresent(builder::keySetConnectTimeout);
        values.duration(JWKS_READ_TIMEOUT).ifPresent(builder::keySetReadTimeout);
        values.integer(CACHE_SIZE).ifPresent(builder::verifiedTokenCacheSize);
        values.duration(CACHE_TTL).ifPresent(builder::verifiedTokenCacheTtl);
        try {
            return builder.build();
        } catch (JwtVerifier.InvalidSettingException e) {
            // The builder's messages say what to change and never contain the key or secret.
            throw new ConfigurationException(propertyOf(e.setting(), keyProperty), e.getMessage());
        }
    }

    /** {@code mp.jwt.verify.audiences}, else this resource (RFC 8707: a token must be meant for it), else none. */
    private static List<String> audiences(ConfigValues values, String resource) {
        List<String> audiences = values.list(AUDIENCES);
        return audiences.isEmpty() && resource != null ? List.of(resource) : audiences;
    }

    /** The property behind a builder setting; {@code keyProperty} is the key property that was set. */
    private static String propertyOf(String setting, String keyProperty) {
        return switch (setting) {
            case "publicKey", "keySource" -> keyProperty;
            case "sharedSecret" -> SECRET;
            case "jwksUri" -> PUBLIC_KEY_LOCATION;
            case "algorithm" -> ALGORITHMS;
            case "issuer" -> ISSUER;
            case "audience" -> AUDIENCES;
            case "requiredScopes" -> REQUIRED_SCOPES;
            case "clockSkew" -> CLOCK_SKEW;
            case "maxTokenAge" -> TOKEN_AGE;
            case "maxTokenSize" -> MAX_TOKEN_SIZE;
            case "minRsaKeyBits" -> MIN_RSA_KEY_BITS;
            case "keySetCacheTtl" -> JWKS_CACHE_TTL;
            case "keySetMinRefreshInterval" -> JWKS_MIN_REFRESH_INTERVAL;
            case "keySetOutageTolerance" -> JWKS_OUTAGE_TOLERANCE;
            case "keySetConnectTimeout" -> JWKS_CONNECT_TIMEOUT;
            case "keySetReadTimeout" -> JWKS_READ_TIMEOUT;
            case "verifiedTokenCacheSize" -> CACHE_SIZE;
            case "verifiedTokenCacheTtl" -> CACHE_TTL;
            case "decryptionKey" -> DECRYPT_KEY_LOCATION;
            case "decryptionAlgorithm" -> DECRYPT_ALGORITHMS;
            case "discoverKeys" -> ISSUER;
            default -> keyProperty;
        };
    }

    /**
     * RFC 7662 introspection. The client secret is read like the HS secret: from any configuration source, an
     * environment variable ({@code TOKENGUARD_INTROSPECTION_CLIENT_SECRET}) being the usual one; it is never logged.
     */
    private static TokenVerifier introspectionVerifier(ConfigValues values, String resource) {
        IntrospectionVerifier.Builder builder = IntrospectionVerifier.builder();
        Optional<String> endpoint = values.string(INTROSPECTION_ENDPOINT);
        List<String> issuers = values.list(ISSUER);
        if (endpoint.isEmpty() && !issuers.isEmpty()) {
            builder.discoverEndpoint(issuers.get(0)); // tokenguard.verifier=introspection with only an issuer
        } else {
            builder.endpoint(endpoint.orElse(null));
        }
        Optional<String> id = values.string(INTROSPECTION_CLIENT_ID);
        Optional<String> secret = values.string(INTROSPECTION_CLIENT_SECRET);
        if (id.isPresent() != secret.isPresent()) {
            throw new ConfigurationException(id.isPresent() ? INTROSPECTION_CLIENT_SECRET : INTROSPECTION_CLIENT_ID,
                    "the introspection client needs both " + INTROSPECTION_CLIENT_ID + " and "
                            + INTROSPECTION_CLIENT_SECRET);
        }
        String method = values.string(INTROSPECTION_AUTH_METHOD).orElse("client_secret_basic");
        if (id.isPresent()) {
            switch (method) {
                case "client_secret_basic" -> builder.clientSecretBasic(id.get(), secret.get());
                case "client_secret_post" -> builder.clientSecretPost(id.get(), secret.get());
                default -> throw new ConfigurationException(INTROSPECTION_AUTH_METHOD,
                        "expects client_secret_basic or client_secret_post, not \"" + method + "\"");
            }
        }
        builder.issuers(issuers);
        builder.audiences(audiences(values, resource));
        builder.requiredScopes(scopeNames(REQUIRED_SCOPES, values.list(REQUIRED_SCOPES)));
        values.duration(CLOCK_SKEW).ifPresent(builder::clockSkew);
        values.duration(INTROSPECTION_CACHE_TTL).ifPresent(builder::cacheTtl);
        values.integer(CACHE_SIZE).ifPresent(builder::cacheSize);
        values.integer(MAX_TOKEN_SIZE).ifPresent(builder::maxTokenSize);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage().startsWith("endpoint") ? INTROSPECTION_ENDPOINT
                    : INTROSPECTION_CLIENT_ID, e.getMessage());
        }
    }

    /**
     * Both a JWT key source and an introspection endpoint: {@code tokenguard.introspection.jwts} says where a token
     * that is a JWS (or JWE) goes. {@code local} (the default): verified here, as without introspection — a signed
     * token vouches for itself, and a network call per request would cost what JWTs exist to save; only the other
     * tokens (opaque ones) are introspected. {@code introspect}: every token is introspected, so that a revoked JWT
     * is refused at once.
     */
    private static TokenVerifier jwtsOrIntrospection(ConfigValues values, String resource) {
        TokenVerifier introspection = introspectionVerifier(values, resource);
        String jwts = values.string(INTROSPECTION_JWTS).orElse("local");
        return switch (jwts) {
            case "local" -> new JwtOrIntrospection(jwtVerifier(values, resource), introspection);
            case "introspect" -> introspection;
            default -> throw new ConfigurationException(INTROSPECTION_JWTS, "expects local or introspect, not \""
                    + jwts + "\"");
        };
    }

    private static TokenVerifier staticVerifier(ConfigValues values) {
        String location = values.string(STATIC_TOKENS).orElseThrow(() -> new ConfigurationException(STATIC_TOKENS,
                "the static verifier needs a JSON file of tokens, e.g. classpath:tokens.json"));
        String json = TextLocation.read(STATIC_TOKENS, location);
        Map<String, Object> parsed;
        try {
            parsed = PlainValues.parseJsonObject(json); // the same strict JSON as tokens and key sets
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(STATIC_TOKENS, "\"" + location + "\" is not a JSON object of token ->"
                    + " {\"client_id\": ..., \"scopes\": [...]} (" + e.getMessage() + ")");
        }
        Map<String, Map<String, Object>> tokens = new LinkedHashMap<>();
        int position = 0;
        for (Map.Entry<String, Object> e : parsed.entrySet()) {
            position++;
            if (e.getValue() != null && !(e.getValue() instanceof Map<?, ?>)) {
                throw new ConfigurationException(STATIC_TOKENS, "entry #" + position + " is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) e.getValue();
            tokens.put(e.getKey(), data);
        }
        try {
            return new StaticTokenVerifier(tokens, scopeNames(REQUIRED_SCOPES, values.list(REQUIRED_SCOPES)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(STATIC_TOKENS, e.getMessage());
        }
    }

    private static TokenLocation tokenLocation(ConfigValues values) {
        String header = values.string(TOKEN_HEADER).orElse("Authorization");
        if (!header.matches(TOKEN_CHARACTERS)) {
            throw new ConfigurationException(TOKEN_HEADER, "expects a header name such as Authorization or Cookie");
        }
        if (header.equalsIgnoreCase("Cookie")) {
            String cookie = values.string(TOKEN_COOKIE).orElse("Bearer");
            if (!cookie.matches(TOKEN_CHARACTERS)) {
                throw new ConfigurationException(TOKEN_COOKIE, "expects a cookie name (letters, digits and"
                        + " !#$%&'*+.^_`|~-, no spaces, ; , or =), not \"" + cookie + "\"");
            }
            return new TokenLocation("Cookie", cookie);
        }
        return header.equalsIgnoreCase("Authorization") ? TokenLocation.AUTHORIZATION : new TokenLocation(header, null);
    }
}
