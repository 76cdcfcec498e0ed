package dev.tokenguard.introspection;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.TokenVerifier;
import dev.tokenguard.Verification;
import dev.tokenguard.internal.BoundedHttp;
import dev.tokenguard.internal.HttpUris;
import dev.tokenguard.internal.InvalidJson;
import dev.tokenguard.internal.IssuerMetadata;
import dev.tokenguard.internal.PlainValues;
import dev.tokenguard.internal.RejectionLog;
import dev.tokenguard.internal.RequiredScopes;
import dev.tokenguard.internal.Scopes;
import dev.tokenguard.internal.TokenClaims;
import dev.tokenguard.internal.TokenDigest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Opaque (or any) tokens checked at the authorization server's introspection endpoint (RFC 7662), like FastMCP's
 * {@code IntrospectionTokenVerifier}, and stricter: the answer must be strict JSON with a boolean {@code active};
 * {@code exp} is checked here too; issuer and audience can be required of the answer; the token becomes an
 * {@link AccessToken} by the same rules as a JWT's claims (scopes from {@code scope}, the client from
 * {@code client_id}).
 *
 * <pre>{@code
 * IntrospectionVerifier verifier = IntrospectionVerifier.builder()
 *         .endpoint("https://idp.example.com/realms/demo/protocol/openid-connect/token/introspect")
 *         .clientSecretBasic("resource-server", System.getenv("INTROSPECTION_SECRET"))
 *         .requiredScopes("read")
 *         .build();
 * }</pre>
 *
 * <p>Caching is off by default: revocation is the reason to introspect, and a cached answer outlives it. With
 * {@link Builder#cacheTtl} above zero, an accepted token is kept by the SHA-256 of its text for at most that long,
 * never past its {@code exp}; refusals are never kept. However many requests carry the same token at once, one
 * introspection call is in flight for it.
 *
 * <p>An endpoint that fails (another status than 200, an answer that is not RFC 7662, no answer in time) refuses the
 * token with its own category, distinct from {@link Rejection#INACTIVE}, and a WARNING (at most one a minute): an
 * operator must act, and the logs must not make it look like a bad token. Never throws.
 */
public final class IntrospectionVerifier implements TokenVerifier {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;
    public static final Duration DEFAULT_CACHE_TTL = Duration.ZERO;
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Least time between two lookups of the endpoint in the issuer's metadata while it is not found. */
    static final Duration DISCOVERY_RETRY_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");
    private static final long WARNING_INTERVAL_MILLIS = 60_000;

    /** The endpoint: configured, or found in the issuer's metadata when the first token arrives. */
    private volatile URI endpoint;
    private final String discoverFrom;
    private Instant lastDiscovery;
    private final String basicAuthorization;
    private final String postCredentials;
    private final BoundedHttp http;
    private final int maxTokenSize;
    private final RequiredScopes requiredScopes;
    private final List<String> issuers;
    private final List<String> audiences;
    private final Duration clockSkew;
    private final Clock clock;
    private final IntrospectionCache cache;
    private final Map<TokenDigest, CompletableFuture<Verification>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    private IntrospectionVerifier(Builder b, URI endpoint) {
        this.endpoint = endpoint;
        this.discoverFrom = b.discoverFrom;
        String id = b.clientId == null ? null : URLEncoder.encode(b.clientId, StandardCharsets.UTF_8);
        String secret = b.clientSecret == null ? null : URLEncoder.encode(b.clientSecret, StandardCharsets.UTF_8);
        // RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and base64-encoded.
        this.basicAuthorization = id != null && !b.post ? "Basic " + Base64.getEncoder()
                .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)) : null;
        this.postCredentials = id != null && b.post ? "&client_id=" + id + "&client_secret=" + secret : "";
        this.http = new BoundedHttp("introspection", b.connectTimeout, b.readTimeout, b.maxResponseBytes);
        this.maxTokenSize = b.maxTokenSize;
        this.requiredScopes = RequiredScopes.of(b.requiredScopes);
        this.issuers = List.copyOf(b.issuers);
        this.audiences = List.copyOf(b.audiences);
        this.clockSkew = b.clockSkew;
        this.clock = b.clock;
        this.cache = new IntrospectionCache(b.cacheSize, b.cacheTtl.toMillis());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verification verify(String token) {
        try {
            return RejectionLog.log("IntrospectionVerifier", check(token));
        } catch (RuntimeException | Error e) {
            return RejectionLog.unexpected("IntrospectionVerifier", e);
        }
    }

    @Override
    public List<String> requiredScopes() {
        return requiredScopes.asList();
    }

    /** Calls made to the introspection endpoint so far (for tests and benchmarks). */
    long introspectionCalls() {
        return calls.get();
    }

    private Verification check(String token) {
        if (token == null || token.isEmpty()) {
            return Verification.rejected(Rejection.MALFORMED, "no token");
        }
        if (token.length() > maxTokenSize) {
            return Verification.rejected(Rejection.TOO_LARGE, token.length() + " chars, over " + maxTokenSize);
        }
        if (!cache.enabled()) {
            return introspect(token);
        }
        TokenDigest digest = TokenDigest.of(token);
        AccessToken cached = cache.get(digest, clock.millis());
        if (cached != null) {
            return scoped(cached);
        }
        CompletableFuture<Verification> mine = new CompletableFuture<>();
        CompletableFuture<Verification> running = inFlight.putIfAbsent(digest, mine);
        if (running != null) {
            return running.join(); // the caller that started it is bounded by the endpoint's budget
        }
        try {
            Verification result = introspect(token);
            if (result.isAccepted()) {
                cache.put(digest, result.accessToken(), clock.millis());
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.complete(RejectionLog.unexpected("IntrospectionVerifier", e));
            throw e;
        } finally {
            inFlight.remove(digest, mine);
        }
    }

    private Verification scoped(AccessToken token) {
        Verification missing = requiredScopes.check(token);
        return missing != null ? missing : Verification.accepted(token);
    }

    /** The configured endpoint, or the one the issuer's metadata names (looked up at most every 30 s until found). */
    private URI endpoint() throws IOException {
        URI e = endpoint;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (endpoint != null) {
                return endpoint;
            }
            Instant now = clock.instant();
            if (lastDiscovery != null && now.isBefore(lastDiscovery.plus(DISCOVERY_RETRY_INTERVAL))) {
                throw new IOException("the introspection endpoint of " + discoverFrom + " is not known yet");
            }
            lastDiscovery = now;
            URI found = IssuerMetadata.discover(discoverFrom, http).introspectionEndpoint();
            if (found == null) {
                throw new IOException("issuer metadata of " + discoverFrom + " names no introspection_endpoint");
            }
            endpoint = found;
            LOG.info(() -> "TokenGuard: issuer " + discoverFrom + " introspects tokens at " + found);
            return found;
        }
    }

    private Verification introspect(String token) {
        URI endpoint;
        try {
            endpoint = endpoint();
        } catch (IOException e) {
            return endpointFailure(Rejection.INTROSPECTION_UNAVAILABLE, e.getMessage());
        }
        calls.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=access_token" + postCredentials));
        if (basicAuthorization != null) {
            request.header("Authorization", basicAuthorization);
        }
        BoundedHttp.Response response;
        // Which failure it was: another status, an answer that is not JSON, or none in time and size (the default).
        Rejection[] failure = {Rejection.INTROSPECTION_UNAVAILABLE};
        try {
            response = http.send(request, info -> {
                String refused = refusal(info);
                if (refused != null) {
                    failure[0] = info.statusCode() != 200 ? Rejection.INTROSPECTION_REFUSED
                            : Rejection.INTROSPECTION_MALFORMED;
                }
                return refused;
            });
        } catch (IOException e) {
            return endpointFailure(failure[0], e.getMessage());
        }
        Map<String, Object> answer;
        try {
            answer = PlainValues.parseJsonObject(new String(response.body(), StandardCharsets.UTF_8));
        } catch (InvalidJson e) {
            return endpointFailure(Rejection.INTROSPECTION_MALFORMED, "answer is not a JSON object: " + e.getMessage());
        }
        if (!(answer.get("active") instanceof Boolean active)) {
            return endpointFailure(Rejection.INTROSPECTION_MALFORMED, "answer has no boolean \"active\"");
        }
        if (!active) {
            return Verification.rejected(Rejection.INACTIVE, "the authorization server says it is not active");
        }
        return accepted(token, answer);
    }

    /** HTTP 200 with a JSON body (RFC 7662 §2.2). */
    private static String refusal(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return "answered HTTP " + info.statusCode();
        }
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!(type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*"))) {
            return "has content type " + Verification.quote(type) + ", not JSON";
        }
        return null;
    }

    private Verification accepted(String token, Map<String, Object> answer) {
        Instant now = clock.instant();
        Instant expiresAt = null;
        if (answer.containsKey("exp")) {
            if (!(answer.get("exp") instanceof Number exp)) {
                return Verification.rejected(Rejection.INVALID_CLAIM, "\"exp\" is not a number");
            }
            expiresAt = Instant.ofEpochSecond(exp.longValue());
            if (now.isAfter(expiresAt.plus(clockSkew))) {
                return Verification.rejected(Rejection.EXPIRED, "\"exp\" is past");
            }
        }
        if (answer.containsKey("sub") && !(answer.get("sub") instanceof String)) {
            return Verification.rejected(Rejection.INVALID_CLAIM, "\"sub\" is not a string");
        }
        if (!issuers.isEmpty() && !issuers.contains(answer.get("iss"))) {
            return Verification.rejected(Rejection.WRONG_ISSUER, "\"iss\" " + Verification.quote(answer.get("iss")));
        }
        if (!audiences.isEmpty() && PlainValues.strings(answer.get("aud")).stream().noneMatch(audiences::contains)) {
            return Verification.rejected(Rejection.WRONG_AUDIENCE, "no accepted audience in \"aud\"");
        }
        List<String> scopes;
        try {
            scopes = TokenClaims.scopes(answer);
        } catch (IllegalArgumentException e) {
            return Verification.rejected(Rejection.INVALID_CLAIM, e.getMessage());
        }
        AccessToken accessToken = new AccessToken(token, TokenClaims.clientId(answer), scopes, expiresAt,
                audiences.isEmpty() ? null : audiences.get(0), (String) answer.get("sub"), answer);
        return scoped(accessToken);
    }

    private Verification endpointFailure(Rejection rejection, String detail) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARNING_INTERVAL_MILLIS) && lastWarning.compareAndSet(last, now)) {
            URI at = endpoint;
            LOG.warning("TokenGuard: the introspection endpoint " + (at == null ? "of " + discoverFrom : at.getHost())
                    + " failed (" + rejection.code()
                    + ": " + detail + "); tokens are refused until it answers. (At most one such warning a minute.)");
        }
        return Verification.rejected(rejection, detail);
    }

    @Override
    public String toString() {
        return "IntrospectionVerifier[endpoint=" + (endpoint != null ? endpoint : "from the metadata of " + discoverFrom)
                + ", client auth="
                + (basicAuthorization != null ? "client_secret_basic" : postCredentials.isEmpty() ? "none"
                : "client_secret_post") + ", issuers=" + issuers + ", audiences=" + audiences + ", required scopes="
                + requiredScopes.asList() + ", cache=" + (cache.enabled() ? "on" : "off") + "]";
    }

    /** Builds an {@link IntrospectionVerifier}; every mistake is an {@link IllegalArgumentException} saying what to change. */
    public static final class Builder {
        private String endpoint;
        private String discoverFrom;
        private String clientId;
        private String clientSecret;
        private boolean post;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
        private List<String> requiredScopes = List.of();
        private List<String> issuers = List.of();
        private List<String> audiences = List.of();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private int cacheSize = DEFAULT_CACHE_SIZE;

        private Builder() {
        }

        /** The authorization server's introspection endpoint, an absolute http(s) URL. */
        public Builder endpoint(String url) {
            this.endpoint = url;
            return this;
        }

        /**
         * The endpoint the metadata of {@code issuer} names ({@code introspection_endpoint}; OpenID Connect Discovery,
         * then RFC 8414, the document's {@code issuer} matching exactly), found when the first token arrives.
         */
        public Builder discoverEndpoint(String issuer) {
            this.discoverFrom = issuer;
            return this;
        }

        /** Authenticate to the endpoint with HTTP Basic (RFC 6749 §2.3.1), the default of RFC 7662 servers. */
        public Builder clientSecretBasic(String clientId, String clientSecret) {
            return client(clientId, clientSecret, false);
        }

        /** Authenticate with {@code client_id} and {@code client_secret} in the request body. */
        public Builder clientSecretPost(String clientId, String clientSecret) {
            return client(clientId, clientSecret, true);
        }

        private Builder client(String id, String secret, boolean inBody) {
            if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("clientSecretBasic/clientSecretPost need a client id and a secret");
            }
            this.clientId = id;
            this.clientSecret = secret;
            this.post = inBody;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** The longest wait for the whole answer once connected. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** The largest answer read; a larger one refuses the token ({@link Rejection#INTROSPECTION_UNAVAILABLE}). */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 256, not " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The longest token sent to the endpoint; longer ones are refused without a call. */
        public Builder maxTokenSize(int chars) {
            if (chars < 16) {
                throw new IllegalArgumentException("maxTokenSize must be at least 16, not " + chars);
            }
            this.maxTokenSize = chars;
            return this;
        }

        public Builder requiredScopes(String... scopes) {
            return requiredScopes(List.of(scopes));
        }

        public Builder requiredScopes(List<String> scopes) {
            this.requiredScopes = Scopes.names(scopes);
            return this;
        }

        /** The answer's {@code iss} must be one of these (exact match); by default it is not checked. */
        public Builder issuers(List<String> issuers) {
            this.issuers = List.copyOf(issuers);
            return this;
        }

        /** The answer's {@code aud} must name one of these; by default it is not checked. */
        public Builder audiences(List<String> audiences) {
            this.audiences = List.copyOf(audiences);
            return this;
        }

        public Builder clockSkew(Duration skew) {
            if (skew == null || skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must be zero or more, not " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long an accepted token is remembered (never past its {@code exp}); zero, the default, asks the endpoint
         * about every request, so that a revoked token is refused at once.
         */
        public Builder cacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("cacheTtl must be zero or more, not " + ttl);
            }
            this.cacheTtl = ttl;
            return this;
        }

        /** The most tokens remembered at once. */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cacheSize must be zero or more, not " + entries);
            }
            this.cacheSize = entries;
            return this;
        }

        public IntrospectionVerifier build() {
            if (endpoint == null && discoverFrom != null) {
                try {
                    HttpUris.absolute(discoverFrom);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("endpoint: discoverEndpoint(...) needs an issuer that is an"
                            + " http(s) URL");
                }
                return new IntrospectionVerifier(this, null);
            }
            if (endpoint != null && discoverFrom != null) {
                throw new IllegalArgumentException("endpoint: set endpoint(...) or discoverEndpoint(...), not both");
            }
            URI uri;
            try {
                uri = HttpUris.absolute(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpoint: the introspection endpoint must be an absolute http(s) URL,"
                        + " e.g. https://idp.example.com/oauth2/introspect");
            }
            if ("http".equalsIgnoreCase(uri.getScheme()) && !HttpUris.isLoopback(uri)) {
                LOG.warning("TokenGuard: tokens" + (clientSecret == null ? "" : " and the client secret") + " are sent"
                        + " over plain http to " + uri.getHost() + ": anyone on the network path can read them. Use"
                        + " https.");
            }
            if (clientId == null) {
                LOG.warning("TokenGuard: the introspection endpoint is called without client credentials; RFC 7662"
                        + " §2.1 requires the endpoint to authenticate its callers.");
            }
            return new IntrospectionVerifier(this, uri);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + d);
            }
            return d;
        }
    }
}
