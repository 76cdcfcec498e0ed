package dev.tokenguard.jwt;

import dev.tokenguard.AccessToken;
import dev.tokenguard.TokenVerifier;
import dev.tokenguard.Verification;
import dev.tokenguard.internal.BoundedHttp;
import dev.tokenguard.internal.HttpUris;
import dev.tokenguard.internal.RejectionLog;
import dev.tokenguard.internal.RequiredScopes;
import dev.tokenguard.internal.TokenDigest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Verifies JWT access tokens: FastMCP's {@code JWTVerifier}, stricter.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *         .jwksUri("https://idp.example.com/.well-known/jwks.json")
 *         .issuer("https://idp.example.com")
 *         .audience("https://api.example.com")
 *         .requiredScopes("read")
 *         .build();
 * Optional<AccessToken> token = verifier.verifyToken(bearer);
 * }</pre>
 *
 * The rules run in this order: size cap, compact form, header ({@code alg} allow-list, {@code crit}), key,
 * signature, time claims, issuer, audience, {@code sub}, scopes. With a {@linkplain Builder#decryptionKey decryption
 * key}, every token must be encrypted (JWE): its compact form, JWE header, key and decryption come right after the
 * size cap, and the signed token inside then goes through all the rules above. Thread-safe; build one and share it.
 */
public final class JwtVerifier implements TokenVerifier {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private final JwsVerifier jws;
    /** Null when no decryption key is configured: then only signed tokens (JWS) are accepted. */
    private final JweDecryption decryption;
    private final TimeRules timeRules;
    private final ClaimRules claimRules;
    private final RequiredScopes requiredScopes;
    private final VerifiedTokenCache cache;
    private final Clock clock;
    private final String description;

    private JwtVerifier(JwsVerifier jws, JweDecryption decryption, TimeRules timeRules, ClaimRules claimRules,
                        RequiredScopes requiredScopes, VerifiedTokenCache cache, Clock clock, String description) {
        this.jws = jws;
        this.decryption = decryption;
        this.timeRules = timeRules;
        this.claimRules = claimRules;
        this.requiredScopes = requiredScopes;
        this.cache = cache;
        this.clock = clock;
        this.description = description;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JWS algorithm names {@link Builder#algorithm} accepts. */
    public static Set<String> supportedAlgorithms() {
        Set<String> names = new LinkedHashSet<>();
        for (Algorithm a : Algorithm.values()) {
            names.add(a.jwsName());
        }
        return names;
    }

    @Override
    public Verification verify(String token) {
        return RejectionLog.log("JWT verifier", check(token));
    }

    @Override
    public List<String> requiredScopes() {
        return requiredScopes.asList();
    }

    private Verification check(String token) {
        try {
            jws.checkPresentAndSize(token);
            Instant now = clock.instant();
            TokenDigest digest = null;
            if (cache.enabled()) {
                jws.keys().refreshIfStale(); // a key-set change empties the cache before we look
                digest = TokenDigest.of(token);
                VerifiedTokenCache.Entry hit = cache.get(digest, now);
                if (hit != null) {
                    timeRules.check(hit.times(), now);
                    return Verification.accepted(hit.token());
                }
            }
            long cacheGeneration = cache.generation();
            CompactJws verified = decryption == null ? jws.verify(token) : verifyInner(decryption.decrypt(token));
            Map<String, Object> claims = JsonObjects.parse(CompactJws.utf8(verified.payload(), "payload"), "payload");
            TimeClaims times = TimeClaims.of(claims);
            timeRules.check(times, now);
            String resource = claimRules.check(claims);
            AccessToken accessToken = TokenContents.accessToken(token, claims, resource, times);
            Verification missingScope = requiredScopes.check(accessToken);
            if (missingScope != null) {
                return missingScope;
            }
            if (digest != null) {
                cache.put(digest, accessToken, times, timeRules.lastValidInstant(times), now, cacheGeneration);
            }
            return Verification.accepted(accessToken);
        } catch (RejectionException refusal) {
            return refusal.toVerification();
        } catch (RuntimeException | StackOverflowError unexpected) {
            // A bug must not become a 500 or a way in: refuse, and tell the operator.
            return RejectionLog.unexpected("JWT verifier", unexpected);
        }
    }

    /** The signed token inside an encrypted one, verified as any signed token; a refusal says it was the inner one. */
    private CompactJws verifyInner(String inner) throws RejectionException {
        try {
            return jws.verify(inner);
        } catch (RejectionException refusal) {
            throw refusal.within("the token inside the encrypted one");
        }
    }

    /** What this verifier checks and where its keys come from; no secrets. */
    @Override
    public String toString() {
        return description;
    }

    // The builder's defaults, one owner each: the builder starts from them and the configuration reference
    // (docs/configuration.md) is tested against them.
    /** The algorithm allowed when none is set. */
    public static final String DEFAULT_ALGORITHM = "RS256";
    /** Clock skew for {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Longest token accepted, in characters, checked before any decoding. */
    public static final int DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;
    /** Smallest RSA verification key accepted, in bits (RFC 7518 §3.3 and §4.3). */
    public static final int DEFAULT_MIN_RSA_KEY_BITS = 2048;
    /** How long a fetched key set is used when the server sends no {@code Cache-Control: max-age}. */
    public static final Duration DEFAULT_KEY_SET_CACHE_TTL = Duration.ofMinutes(10);
    /** Least time between two key-set fetches. */
    public static final Duration DEFAULT_KEY_SET_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** How long the last good key set is still used, past its expiry, while the key server cannot be reached. */
    public static final Duration DEFAULT_KEY_SET_OUTAGE_TOLERANCE = Duration.ofHours(1);
    /** Connect timeout of key-set fetches. */
    public static final Duration DEFAULT_KEY_SET_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Time allowed for a whole key-set response once connected. */
    public static final Duration DEFAULT_KEY_SET_READ_TIMEOUT = Duration.ofSeconds(2);
    /** Largest key-set document accepted, in bytes. */
    public static final int DEFAULT_KEY_SET_MAX_BYTES = 256 * 1024;
    /** Entries of the verified-token cache. */
    public static final int DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;
    /** Longest a verified token stays cached (never beyond its expiry). */
    public static final Duration DEFAULT_VERIFIED_TOKEN_CACHE_TTL = Duration.ofMinutes(5);

    /**
     * A setting the builder refuses; {@link #setting()} names it as the builder does ({@code "issuer"},
     * {@code "algorithm"}, {@code "keySetReadTimeout"}, or {@code "keySource"} for which of {@code publicKey},
     * {@code sharedSecret} and {@code jwksUri} to set), so that a configuration layer can name its own property.
     * The message says what to change and never contains a key or secret.
     */
    public static final class InvalidSettingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String setting;

        InvalidSettingException(String setting, String message) {
            super(message);
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    private static InvalidSettingException invalid(String setting, String message) {
        return new InvalidSettingException(setting, message);
    }

    /** Builds a {@link JwtVerifier}; {@link #build()} checks everything and says what to change. */
    public static final class Builder {
        private String publicKey;
        private byte[] sharedSecret;
        private String jwksUri;
        private boolean discoverKeys;
        private List<String> issuers = List.of();
        private List<String> audiences = List.of();
        private List<String> algorithms = List.of(DEFAULT_ALGORITHM);
        private List<String> requiredScopes = List.of();
        private List<String> criticalHeaders = List.of();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration maxTokenAge;
        private boolean requireExpiration = true;
        private int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
        private int minRsaKeyBits = DEFAULT_MIN_RSA_KEY_BITS;
        private Duration keySetCacheTtl = DEFAULT_KEY_SET_CACHE_TTL;
        private Duration keySetMinRefreshInterval = DEFAULT_KEY_SET_MIN_REFRESH_INTERVAL;
        private Duration keySetOutageTolerance = DEFAULT_KEY_SET_OUTAGE_TOLERANCE;
        private Duration keySetConnectTimeout = DEFAULT_KEY_SET_CONNECT_TIMEOUT;
        private Duration keySetReadTimeout = DEFAULT_KEY_SET_READ_TIMEOUT;
        private int keySetMaxBytes = DEFAULT_KEY_SET_MAX_BYTES;
        private int verifiedTokenCacheSize = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
        private Duration verifiedTokenCacheTtl = DEFAULT_VERIFIED_TOKEN_CACHE_TTL;
        private String decryptionKey;
        private List<String> decryptionAlgorithms = List.of();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The verification key: PEM public key (SPKI, or PKCS#1 RSA), X.509 certificate PEM, JWK or JWK Set
         * JSON. With an HS algorithm, a plain string here is the shared secret (as in FastMCP).
         */
        public Builder publicKey(String key) {
            this.publicKey = key;
            return this;
        }

        /** The HMAC secret for HS256/384/512, as UTF-8 bytes. */
        public Builder sharedSecret(String secret) {
            return sharedSecret(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
        }

        /** The HMAC secret for HS256/384/512. */
        public Builder sharedSecret(byte[] secret) {
            this.sharedSecret = secret == null ? null : secret.clone();
            return this;
        }

        /** Where the issuer publishes its JWK Set (http or https). */
        public Builder jwksUri(String uri) {
            this.jwksUri = uri;
            return this;
        }

        /**
         * The key source: each {@link #issuer issuer}'s key set, found from its metadata (OpenID Connect Discovery,
         * then RFC 8414) when its first token arrives. A token's {@code iss} chooses the issuer, and so the keys;
         * a token of any other issuer is refused before any network call.
         */
        public Builder discoverKeys() {
            this.discoverKeys = true;
            return this;
        }

        /** Accepted issuers; a token's {@code iss} must equal one. None: not checked. */
        public Builder issuer(String... issuers) {
            this.issuers = list(issuers);
            return this;
        }

        /** Accepted audiences; a token's {@code aud} must contain one. None: not checked. */
        public Builder audience(String... audiences) {
            this.audiences = list(audiences);
            return this;
        }

        /** Allowed {@code alg} values; default RS256. {@code none} is refused. */
        public Builder algorithm(String... algorithms) {
            this.algorithms = list(algorithms);
            return this;
        }

        /** Scopes every token must carry; a token without them is refused as insufficient scope. */
        public Builder requiredScopes(String... scopes) {
            this.requiredScopes = list(scopes);
            return this;
        }

        /** Allowance for clocks that differ, applied to {@code exp}, {@code nbf} and {@code iat}; default 60 s. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        /** Refuse tokens issued ({@code iat}) longer ago than this; requires {@code iat}. Default: no limit. */
        public Builder maxTokenAge(Duration age) {
            this.maxTokenAge = age;
            return this;
        }

        /** Whether {@code exp} must be present; default true (FastMCP accepts tokens without it). */
        public Builder requireExpiration(boolean required) {
            this.requireExpiration = required;
            return this;
        }

        /** Longest token accepted, in characters, checked before any decoding; default 16 KiB. */
        public Builder maxTokenSize(int characters) {
            this.maxTokenSize = characters;
            return this;
        }

        /**
         * Smallest RSA verification key accepted, in bits: default 2048, as RFC 7518 requires. Only for an issuer
         * that still signs with 1024-bit keys, which MicroProfile JWT 2.1 allows (deprecated): 1024 to 2048.
         */
        public Builder minRsaKeyBits(int bits) {
            this.minRsaKeyBits = bits;
            return this;
        }

        /** Names of {@code crit} header parameters the application understands; default none. */
        public Builder criticalHeaders(String... names) {
            this.criticalHeaders = list(names);
            return this;
        }

        /** How long a fetched key set is used when the server sends no {@code Cache-Control}; default 10 min. */
        public Builder keySetCacheTtl(Duration ttl) {
            this.keySetCacheTtl = ttl;
            return this;
        }

        /** Least time between two key-set fetches; default 30 s. */
        public Builder keySetMinRefreshInterval(Duration interval) {
            this.keySetMinRefreshInterval = interval;
            return this;
        }

        /**
         * How long past its expiry the last good key set is still used while refreshes fail (the key server is
         * down, answers an error or something that is not a key set); default 1 h. After that, tokens are refused
         * as {@code keys_unavailable} until a fetch succeeds. A successful fetch always replaces the set, even when
         * it has no usable key: that is how an issuer withdraws one.
         */
        public Builder keySetOutageTolerance(Duration tolerance) {
            this.keySetOutageTolerance = tolerance;
            return this;
        }

        /** Connect timeout for key-set fetches; default 2 s. */
        public Builder keySetConnectTimeout(Duration timeout) {
            this.keySetConnectTimeout = timeout;
            return this;
        }

        /** Time allowed for the whole key-set response once connected; default 2 s. */
        public Builder keySetReadTimeout(Duration timeout) {
            this.keySetReadTimeout = timeout;
            return this;
        }

        /** Largest key-set document accepted; default 256 KiB. */
        public Builder keySetMaxBytes(int bytes) {
            this.keySetMaxBytes = bytes;
            return this;
        }

        /** Entries in the verified-token cache; 0 turns it off. Default 10,000. */
        public Builder verifiedTokenCacheSize(int entries) {
            this.verifiedTokenCacheSize = entries;
            return this;
        }

        /** Longest a verified token stays cached (never beyond its expiry); default 5 min. */
        public Builder verifiedTokenCacheTtl(Duration ttl) {
            this.verifiedTokenCacheTtl = ttl;
            return this;
        }

        /**
         * The private key that decrypts tokens: PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) of an RSA key of 2048
         * bits or more, a private RSA JWK, or a JWK Set of them (a token's {@code kid} selects; without one, the
         * only key that fits its {@code alg}). With it, every token must be a signed JWT encrypted to this key
         * (MicroProfile JWT 2.1: JWE with {@code cty: JWT}, A256GCM); plain signed tokens are refused. The inner token
         * is verified with {@link #publicKey}, {@link #sharedSecret} or {@link #jwksUri}, which stay required.
         */
        public Builder decryptionKey(String keyText) {
            this.decryptionKey = keyText;
            return this;
        }

        /** Allowed JWE {@code alg} values: RSA-OAEP, RSA-OAEP-256; both when none is set. */
        public Builder decryptionAlgorithm(String... algorithms) {
            this.decryptionAlgorithms = list(algorithms);
            return this;
        }

        /** The clock for time checks; default the system UTC clock (tests set their own). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @throws InvalidSettingException when the configuration is incomplete, contradictory or unsafe; it names
         *                                  the setting, and its message says what to change
         */
        public JwtVerifier build() {
            Set<Algorithm> allowed = parseAlgorithms();
            boolean hmac = allowed.stream().anyMatch(Algorithm::isHmac);
            requirePositive(clockSkew, "clockSkew", true);
            requirePositive(keySetCacheTtl, "keySetCacheTtl", false);
            requirePositive(keySetMinRefreshInterval, "keySetMinRefreshInterval", true);
            requirePositive(keySetOutageTolerance, "keySetOutageTolerance", true);
            requirePositive(keySetConnectTimeout, "keySetConnectTimeout", false);
            requirePositive(keySetReadTimeout, "keySetReadTimeout", false);
            requirePositive(verifiedTokenCacheTtl, "verifiedTokenCacheTtl", true);
            if (maxTokenAge != null) {
                requirePositive(maxTokenAge, "maxTokenAge", false);
            }
            requirePositive(maxTokenSize, "maxTokenSize", false);
            if (minRsaKeyBits < 1024 || minRsaKeyBits > DEFAULT_MIN_RSA_KEY_BITS) {
                throw invalid("minRsaKeyBits", "minRsaKeyBits must be 1024 to " + DEFAULT_MIN_RSA_KEY_BITS
                        + ", not " + minRsaKeyBits);
            }
            if (minRsaKeyBits < DEFAULT_MIN_RSA_KEY_BITS) {
                LOG.warning("TokenGuard: RSA keys of " + minRsaKeyBits + " bits are accepted (minRsaKeyBits): such"
                        + " keys are deprecated and weak; RFC 7518 requires 2048 bits.");
            }
            requirePositive(keySetMaxBytes, "keySetMaxBytes", false);
            requirePositive(verifiedTokenCacheSize, "verifiedTokenCacheSize", true);
            if (clock == null) {
                throw invalid("clock", "clock is null");
            }
            RequiredScopes scopes;
            try {
                scopes = RequiredScopes.of(requiredScopes);
            } catch (IllegalArgumentException e) {
                throw invalid("requiredScopes", e.getMessage());
            }
            requireNames(issuers, "issuer");
            requireNames(audiences, "audience");
            requireNames(criticalHeaders, "criticalHeaders");

            if (issuers.isEmpty() && audiences.isEmpty()) {
                LOG.warning("TokenGuard: the JWT verifier checks neither issuer nor audience: every token these keys"
                        + " verify is accepted, including tokens the issuer minted for other services. Set the"
                        + " issuer (mp.jwt.verify.issuer) and the audience (mp.jwt.verify.audiences).");
            }
            VerifiedTokenCache cache = new VerifiedTokenCache(verifiedTokenCacheSize, verifiedTokenCacheTtl);
            JweDecryption decryption = decryption();
            KeySource keys = keySource(allowed, hmac, cache);
            JwsVerifier jws = new JwsVerifier(allowed, new LinkedHashSet<>(criticalHeaders), keys, maxTokenSize);
            String description = "JwtVerifier[algorithms=" + allowed + ", keys=" + keys.describe()
                    + ", issuers=" + issuers + ", audiences=" + audiences + ", requiredScopes=" + scopes.asList()
                    + ", clockSkew=" + clockSkew.toSeconds() + "s"
                    + (maxTokenAge == null ? "" : ", maxTokenAge=" + maxTokenAge.toSeconds() + "s")
                    + (requireExpiration ? "" : ", exp optional")
                    + (decryption == null ? "" : ", encrypted tokens only: " + decryption.describe()) + "]";
            return new JwtVerifier(jws, decryption, new TimeRules(clockSkew, requireExpiration, maxTokenAge),
                    new ClaimRules(issuers, audiences), scopes, cache, clock, description);
        }

        private Set<Algorithm> parseAlgorithms() {
            if (algorithms.isEmpty()) {
                throw invalid("algorithm", "no algorithm allowed; set algorithm(\"RS256\") or another");
            }
            Set<Algorithm> allowed = EnumSet.noneOf(Algorithm.class);
            for (String name : algorithms) {
                try {
                    allowed.add(Algorithm.parse(name));
                } catch (IllegalArgumentException e) {
                    throw invalid("algorithm", e.getMessage());
                }
            }
            boolean hmac = allowed.stream().anyMatch(Algorithm::isHmac);
            if (hmac && !allowed.stream().allMatch(Algorithm::isHmac)) {
                throw invalid("algorithm", "algorithms " + allowed + " mix HS (shared secret) with public-key"
                        + " algorithms; one verifier takes one kind of key: allow only HS256/384/512, or none of them");
            }
            return allowed;
        }

        /** Null without a decryption key; algorithms without a key are a mistake, and said so. */
        private JweDecryption decryption() {
            if (decryptionKey == null) {
                if (!decryptionAlgorithms.isEmpty()) {
                    throw invalid("decryptionAlgorithm", "decryption algorithms are set but no decryption key: set"
                            + " decryptionKey(...) too, or no decryption algorithm");
                }
                return null;
            }
            Set<DecryptionAlgorithm> allowed = EnumSet.noneOf(DecryptionAlgorithm.class);
            for (String name : decryptionAlgorithms) {
                try {
                    allowed.add(DecryptionAlgorithm.parse(name));
                } catch (IllegalArgumentException e) {
                    throw invalid("decryptionAlgorithm", e.getMessage());
                }
            }
            if (allowed.isEmpty()) {
                allowed = EnumSet.allOf(DecryptionAlgorithm.class); // MP-JWT 2.1: both when none is configured
            }
            DecryptionKeys keys;
            try {
                keys = DecryptionKeys.parse(decryptionKey);
            } catch (IllegalArgumentException e) {
                throw invalid("decryptionKey", e.getMessage());
            }
            if (!keys.anyFits(allowed)) {
                throw invalid("decryptionKey", "the decryption key (" + keys.describe() + ") fits none of the allowed"
                        + " decryption algorithms " + allowed + ": allow the algorithm of its \"alg\"");
            }
            return new JweDecryption(allowed, new LinkedHashSet<>(criticalHeaders), keys);
        }

        private KeySource keySource(Set<Algorithm> allowed, boolean hmac, VerifiedTokenCache cache) {
            int sources = (publicKey != null ? 1 : 0) + (sharedSecret != null ? 1 : 0) + (jwksUri != null ? 1 : 0)
                    + (discoverKeys ? 1 : 0);
            if (sources == 0 && decryptionKey != null) {
                // MP-JWT 2.1 makes encrypted-only tokens optional. TokenGuard does not take them: the encryption key
                // is public, so anyone could make one; only the issuer's signature inside says who made the token.
                throw invalid("keySource", "a decryption key alone is not enough: tokens must be signed by the"
                        + " issuer, then encrypted, since anyone holding the public encryption key can encrypt claims;"
                        + " set publicKey(...), sharedSecret(...) or jwksUri(...) to verify the signed token inside");
            }
            if (sources == 0) {
                throw invalid("keySource", "no key: set publicKey(...), sharedSecret(...), jwksUri(...) or"
                        + " discoverKeys() with the issuers");
            }
            if (sources > 1) {
                throw invalid("keySource", "more than one key source: set only one of publicKey(...),"
                        + " sharedSecret(...), jwksUri(...) and discoverKeys()");
            }
            if (discoverKeys) {
                return discoveredKeys(hmac, cache);
            }
            if (jwksUri != null) {
                if (hmac) {
                    throw invalid("jwksUri", "HS algorithms need a shared secret, but a JWKS URI publishes"
                            + " public keys: use sharedSecret(...) with HS, or an RS/PS/ES/EdDSA algorithm with jwksUri");
                }
                URI uri = keySetUri(jwksUri);
                if ("http".equalsIgnoreCase(uri.getScheme()) && !HttpUris.isLoopback(uri)) {
                    LOG.warning("TokenGuard: the key set is fetched over plain http from " + uri.getHost() + ": anyone"
                            + " on the network path can replace the keys and forge tokens. Use https.");
                }
                return new RemoteKeySet(new JwksFetcher(uri, keySetConnectTimeout, keySetReadTimeout, keySetMaxBytes),
                        clock, keySetCacheTtl, keySetMinRefreshInterval, keySetOutageTolerance, cache::clear,
                        minRsaKeyBits);
            }
            if (sharedSecret != null) {
                if (!hmac) {
                    throw invalid("sharedSecret", "a shared secret verifies only HS256/384/512, but the allowed"
                            + " algorithms are " + allowed + ": set algorithm(\"HS256\") (or HS384, HS512)");
                }
                refusePublicKeyAsSecret(sharedSecret, "sharedSecret");
                return secretKeys(sharedSecret, allowed, "shared secret", "sharedSecret");
            }
            if (hmac) {
                refusePublicKeyAsSecret(publicKey.getBytes(StandardCharsets.UTF_8), "publicKey");
                if (KeyMaterial.looksLikeJson(publicKey)) {
                    return checked(configuredKeys(publicKey, minRsaKeyBits), allowed, "configured JWK");
                }
                return secretKeys(publicKey.getBytes(StandardCharsets.UTF_8), allowed, "shared secret", "publicKey");
            }
            String origin = KeyMaterial.looksLikeJson(publicKey) ? "configured JWK" : "configured public key";
            return checked(configuredKeys(publicKey, minRsaKeyBits), allowed, origin);
        }

        private KeySource discoveredKeys(boolean hmac, VerifiedTokenCache cache) {
            if (hmac) {
                throw invalid("discoverKeys", "HS algorithms need a shared secret, but an issuer publishes public"
                        + " keys: use an RS/PS/ES/EdDSA algorithm with discoverKeys()");
            }
            if (issuers.isEmpty()) {
                throw invalid("issuer", "discoverKeys() needs the issuers whose keys to discover: set issuer(...)");
            }
            BoundedHttp metadata = new BoundedHttp("issuer metadata", keySetConnectTimeout, keySetReadTimeout,
                    keySetMaxBytes);
            Map<String, KeySource> byIssuer = new LinkedHashMap<>();
            for (String issuer : issuers) {
                URI uri;
                try {
                    uri = HttpUris.absolute(issuer);
                } catch (IllegalArgumentException e) {
                    throw invalid("issuer", "discoverKeys() needs issuers that are http(s) URLs, not \"" + issuer + "\"");
                }
                if ("http".equalsIgnoreCase(uri.getScheme()) && !HttpUris.isLoopback(uri)) {
                    LOG.warning("TokenGuard: the metadata of issuer " + uri.getHost() + " is fetched over plain http:"
                            + " anyone on the network path can name other keys. Use https.");
                }
                byIssuer.put(issuer, new DiscoveredKeySet(issuer, metadata, clock, keySetMinRefreshInterval,
                        jwks -> new RemoteKeySet(new JwksFetcher(jwks, keySetConnectTimeout, keySetReadTimeout,
                                keySetMaxBytes), clock, keySetCacheTtl, keySetMinRefreshInterval,
                                keySetOutageTolerance, cache::clear, minRsaKeyBits)));
            }
            return new IssuerKeySources(byIssuer);
        }

        private static List<VerificationKey> configuredKeys(String text, int minRsaBits) {
            try {
                return KeyMaterial.parseConfigured(text, minRsaBits);
            } catch (IllegalArgumentException e) {
                throw invalid("publicKey", e.getMessage());
            }
        }

        /** Algorithm confusion: anyone holding a public key could sign HS tokens if it were the secret. */
        private static void refusePublicKeyAsSecret(byte[] secret, String setting) {
            if (KeyMaterial.isPublicKeyDer(secret)
                    || KeyMaterial.isPublicKeyText(new String(secret, StandardCharsets.UTF_8))) {
                throw invalid(setting, "HS algorithms with a public key or certificate as the secret (PEM,"
                        + " base64 DER, JWK or JWK Set): a public key must never be used as an HMAC secret (algorithm"
                        + " confusion); use an RS/PS/ES/EdDSA algorithm with this key, or give the real secret");
            }
        }

        /** Called after {@link #refusePublicKeyAsSecret}, once, by each path that takes a secret. */
        private static StaticKeys secretKeys(byte[] secret, Set<Algorithm> allowed, String origin, String setting) {
            int needed = allowed.stream().mapToInt(Algorithm::minimumSecretBytes).max().orElse(0);
            if (secret.length < needed) {
                Algorithm strongest = allowed.stream().filter(a -> a.minimumSecretBytes() == needed).findFirst()
                        .orElseThrow();
                throw invalid(setting, "the shared secret is " + secret.length + " bytes; " + strongest
                        + " needs at least " + needed + " (RFC 7518 §3.2): use a longer random secret");
            }
            return new StaticKeys(List.of(VerificationKey.secret(secret)), origin);
        }

        /**
         * A single configured key must serve an allowed algorithm, or the setup is a mistake. In a key set,
         * keys for other algorithms are simply never selected, but at least one must fit.
         */
        private static StaticKeys checked(List<VerificationKey> keys, Set<Algorithm> allowed, String origin) {
            List<VerificationKey> fitting = keys.stream().filter(k -> allowed.stream().anyMatch(k::fits)).toList();
            if (fitting.isEmpty()) {
                VerificationKey key = keys.get(0);
                throw invalid("publicKey", "the " + origin + " (" + key.describe() + (keys.size() > 1
                        ? " and " + (keys.size() - 1) + " more" : "") + ") fits none of the allowed algorithms "
                        + allowed + ": allow " + suggestion(key));
            }
            return new StaticKeys(keys, origin);
        }

        private static String suggestion(VerificationKey key) {
            List<String> fitting = new ArrayList<>();
            for (Algorithm a : Algorithm.values()) {
                if (key.fits(a)) {
                    fitting.add(a.name());
                }
            }
            return fitting.isEmpty() ? "a key that can sign (use \"sig\")" : String.join(" or ", fitting);
        }

        private static URI keySetUri(String text) {
            try {
                return HttpUris.absolute(text);
            } catch (IllegalArgumentException e) {
                throw invalid("jwksUri", "jwksUri must be an absolute http(s) URI, e.g."
                        + " https://idp.example.com/.well-known/jwks.json");
            }
        }

        private static void requirePositive(Duration d, String name, boolean zeroAllowed) {
            if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
                throw invalid(name, name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", not " + d);
            }
        }

        private static void requirePositive(int n, String name, boolean zeroAllowed) {
            if (n < 0 || (!zeroAllowed && n == 0)) {
                throw invalid(name, name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", not " + n);
            }
        }

        private static void requireNames(List<String> values, String what) {
            for (String v : values) {
                if (v == null || v.isBlank()) {
                    throw invalid(what, "empty " + what + ": give non-empty values or none");
                }
            }
        }

        private static List<String> list(String... values) {
            return values == null ? List.of() : new ArrayList<>(Arrays.asList(values));
        }
    }
}
