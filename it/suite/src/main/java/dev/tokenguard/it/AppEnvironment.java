package dev.tokenguard.it;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration the sample application runs with, as environment variables: MicroProfile Config maps
 * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} to {@code mp.jwt.verify.publickey.location} and so on, on every
 * server. Only what depends on where things run is set here; the rest is in the WAR's
 * {@code META-INF/microprofile-config.properties}.
 */
public final class AppEnvironment {

    private AppEnvironment() {
    }

    /**
     * @param jwks     the issuer's key set
     * @param resource the application's own base URI: the RFC 9728 resource and the audience tokens need
     */
    public static Map<String, String> forIssuer(URI jwks, URI resource, String issuer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks.toString());
        env.put("MP_JWT_VERIFY_ISSUER", issuer);
        env.put("TOKENGUARD_RESOURCE", resource.toString());
        return env;
    }

    /**
     * For the tests: key-set refreshes within a second (so rotation tests are quick) and a token size cap
     * below every server's own header limit (so "too large" is TokenGuard's answer on all of them).
     */
    public static Map<String, String> forTests(URI jwks, URI resource, String issuer) {
        Map<String, String> env = forIssuer(jwks, resource, issuer);
        env.put("TOKENGUARD_JWKS_MIN_REFRESH_INTERVAL", "1s");
        env.put("TOKENGUARD_JWKS_CACHE_TTL", "2s");
        env.put("TOKENGUARD_JWT_MAX_TOKEN_SIZE", "4096");
        return env;
    }
}
