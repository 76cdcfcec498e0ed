package dev.tokenguard.config;

/** Every property TokenGuard reads. The standard MicroProfile JWT ones keep their meaning. */
public final class ConfigKeys {

    public static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    public static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    public static final String ALGORITHMS = "mp.jwt.verify.publickey.algorithm";
    public static final String ISSUER = "mp.jwt.verify.issuer";
    public static final String AUDIENCES = "mp.jwt.verify.audiences";
    public static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    public static final String TOKEN_AGE = "mp.jwt.verify.token.age";
    public static final String TOKEN_HEADER = "mp.jwt.token.header";
    public static final String TOKEN_COOKIE = "mp.jwt.token.cookie";
    public static final String DECRYPT_KEY_LOCATION = "mp.jwt.decrypt.key.location";
    public static final String DECRYPT_ALGORITHMS = "mp.jwt.decrypt.key.algorithm";

    public static final String VERIFIER = "tokenguard.verifier";
    public static final String SECRET = "tokenguard.jwt.secret";
    public static final String REQUIRE_EXPIRATION = "tokenguard.jwt.require-exp";
    public static final String MAX_TOKEN_SIZE = "tokenguard.jwt.max-token-size";
    public static final String MIN_RSA_KEY_BITS = "tokenguard.jwt.min-rsa-key-bits";
    public static final String REQUIRED_SCOPES = "tokenguard.required-scopes";
    public static final String STATIC_TOKENS = "tokenguard.static-tokens";
    public static final String RESOURCE = "tokenguard.resource";
    public static final String AUTHORIZATION_SERVERS = "tokenguard.authorization-servers";
    public static final String SCOPES_SUPPORTED = "tokenguard.scopes-supported";
    public static final String REALM = "tokenguard.realm";
    public static final String ROLES = "tokenguard.roles";
    public static final String JWKS_CACHE_TTL = "tokenguard.jwks.cache-ttl";
    public static final String JWKS_MIN_REFRESH_INTERVAL = "tokenguard.jwks.min-refresh-interval";
    public static final String JWKS_OUTAGE_TOLERANCE = "tokenguard.jwks.outage-tolerance";
    public static final String JWKS_CONNECT_TIMEOUT = "tokenguard.jwks.connect-timeout";
    public static final String JWKS_READ_TIMEOUT = "tokenguard.jwks.read-timeout";
    public static final String CACHE_SIZE = "tokenguard.cache.size";
    public static final String CACHE_TTL = "tokenguard.cache.ttl";
    public static final String INTROSPECTION_ENDPOINT = "tokenguard.introspection.endpoint";
    public static final String INTROSPECTION_CLIENT_ID = "tokenguard.introspection.client-id";
    public static final String INTROSPECTION_CLIENT_SECRET = "tokenguard.introspection.client-secret";
    public static final String INTROSPECTION_AUTH_METHOD = "tokenguard.introspection.auth-method";
    public static final String INTROSPECTION_CACHE_TTL = "tokenguard.introspection.cache-ttl";
    public static final String INTROSPECTION_JWTS = "tokenguard.introspection.jwts";
    public static final String MCP_ENDPOINT = "tokenguard.mcp.endpoint";
    /** A prefix: {@code tokenguard.mcp.tools.<tool name>=<scopes>}. */
    public static final String MCP_TOOLS = "tokenguard.mcp.tools.";
    /** A prefix: {@code tokenguard.mcp.resources.<URI or URI template>=<scopes>}. */
    public static final String MCP_RESOURCES = "tokenguard.mcp.resources.";
    /** A prefix: {@code tokenguard.mcp.prompts.<prompt name>=<scopes>}. */
    public static final String MCP_PROMPTS = "tokenguard.mcp.prompts.";
    public static final String MCP_UNLISTED = "tokenguard.mcp.unlisted-scopes";
    public static final String MCP_MAX_MESSAGE_SIZE = "tokenguard.mcp.max-message-size";

    private ConfigKeys() {
    }
}
