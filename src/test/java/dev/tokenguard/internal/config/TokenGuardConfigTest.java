package dev.tokenguard.internal.config;

import static dev.tokenguard.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import dev.tokenguard.StaticTokenVerifier;
import dev.tokenguard.TokenVerifier;
import dev.tokenguard.Verification;
import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.jwt.JwksData;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import dev.tokenguard.jwt.TestTokens;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TokenGuardConfig#read} against a real MicroProfile Config implementation (SmallRye Config), checking
 * what an application relies on: each property is honoured when right and refused, naming the property, when
 * wrong; and the verifier that comes out accepts and refuses the tokens it should.
 */
class TokenGuardConfigTest {

    /** The RSA key pair in src/test/resources/config: public half read by the code under test, private half signs. */
    static final String CLASSPATH_PUBLIC_KEY = "classpath:config/rsa-public.pem";
    static final String STATIC_TOKENS_RESOURCE = "classpath:config/static-tokens.json";
    static final String ALICE = "dev-token-alice-7f3c9a1e52b4";
    static final String BOB = "dev-token-bob-0d8e61c4a7f9";
    static final String EXPIRED = "dev-token-expired-93b2e5d01c6a";

    /** 40 bytes: enough for HS256 (32) but not for HS512 (64). */
    static final String HS_SECRET = "s3cr3t-for-hs256-tests-0123456789abcdefg";

    static PrivateKey classpathPrivateKey;
    static String classpathPublicPem;
    static RsaKeyPair keys;
    static RsaKeyPair otherKeys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws Exception {
        String pem = resourceText("config/rsa-private.pem");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
        classpathPrivateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        classpathPublicPem = resourceText("config/rsa-public.pem");
        keys = RsaKeyPair.generate();
        otherKeys = RsaKeyPair.generate();
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------

    static Config config(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(props, "test", 500)).build();
    }

    static TokenGuardSettings read(String... keyValues) {
        return TokenGuardConfig.read(config(keyValues));
    }

    static ConfigurationException refused(String... keyValues) {
        return assertThrows(ConfigurationException.class, () -> read(keyValues));
    }

    /** Settings whose verifier trusts {@link #keys}, plus the given properties. */
    static TokenGuardSettings withKeys(String... more) {
        String[] all = new String[more.length + 2];
        all[0] = PUBLIC_KEY;
        all[1] = keys.publicKeyPem();
        System.arraycopy(more, 0, all, 2, more.length);
        return read(all);
    }

    static ConfigurationException refusedWithKeys(String... more) {
        return assertThrows(ConfigurationException.class, () -> withKeys(more));
    }

    static AccessToken accepted(TokenVerifier verifier, String token) {
        Verification v = verifier.verify(token);
        assertTrue(v.isAccepted(), () -> "expected the token to be accepted, got " + v);
        return v.accessToken();
    }

    static void rejected(TokenVerifier verifier, String token, Rejection expected) {
        Verification v = verifier.verify(token);
        assertEquals(expected, v.rejection(), () -> "expected " + expected + ", got " + v);
    }

    static void rejected(TokenVerifier verifier, String token) {
        Verification v = verifier.verify(token);
        assertFalse(v.isAccepted(), () -> "expected the token to be refused, got " + v);
    }

    /** An RS256 token signed with the private key of the class-path key pair. */
    static String classpathToken(Map<String, Object> claims) {
        return TestTokens.sign(TestTokens.header("RS256"), claims, classpathPrivateKey);
    }

    static String rs256(RsaKeyPair pair, Map<String, Object> claims) {
        return TestTokens.sign(TestTokens.header("RS256"), claims, pair.privateKey());
    }

    static String hs256(String secret, Map<String, Object> claims) {
        return TestTokens.sign(TestTokens.header("HS256"), claims,
                new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, Object> claimsWith(Object... nameValues) {
        Map<String, Object> c = TestTokens.claims();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] == null) {
                c.remove((String) nameValues[i]);
            } else {
                c.put((String) nameValues[i], nameValues[i + 1]);
            }
        }
        return c;
    }

    static String resourceText(String path) throws IOException {
        try (InputStream in = TokenGuardConfigTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected \"" + part + "\" in: " + text);
        }
    }

    static void assertNotMentions(String text, String... parts) {
        for (String part : parts) {
            assertFalse(text.contains(part), () -> "must not contain \"" + part + "\": " + text);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Standard MP JWT keys: where the key comes from
    // ------------------------------------------------------------------------------------------------

    @Nested
    class PublicKeySources {

        @Test
        void publicKeyPemTextVerifiesTokensOfThatKeyOnly() {
            TokenGuardSettings settings = read(PUBLIC_KEY, keys.publicKeyPem());

            assertInstanceOf(JwtVerifier.class, settings.verifier());
            AccessToken token = accepted(settings.verifier(), keys.token().subject("alice").create());
            assertEquals("alice", token.subject());
            rejected(settings.verifier(), otherKeys.token().create(), Rejection.BAD_SIGNATURE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"classpath:config/rsa-public.pem", "classpath:/config/rsa-public.pem"})
        void publicKeyLocationOnTheClassPath(String location) {
            TokenVerifier verifier = read(PUBLIC_KEY_LOCATION, location).verifier();

            accepted(verifier, classpathToken(TestTokens.claims()));
            rejected(verifier, rs256(otherKeys, TestTokens.claims()), Rejection.BAD_SIGNATURE);
        }

        @Test
        void publicKeyLocationAsFileUrl() throws IOException {
            Path pem = write("public.pem", keys.publicKeyPem());

            for (String location : List.of(pem.toUri().toString(), "file:" + pem.toAbsolutePath())) {
                TokenVerifier verifier = read(PUBLIC_KEY_LOCATION, location).verifier();
                accepted(verifier, keys.token().create());
                rejected(verifier, otherKeys.token().create(), Rejection.BAD_SIGNATURE);
            }
        }

        @Test
        void publicKeyLocationAsPlainFileSystemPath() throws IOException {
            Path pem = write("plain.pem", keys.publicKeyPem());

            TokenVerifier verifier = read(PUBLIC_KEY_LOCATION, pem.toAbsolutePath().toString()).verifier();

            accepted(verifier, keys.token().create());
            rejected(verifier, otherKeys.token().create(), Rejection.BAD_SIGNATURE);
        }

        @Test
        void publicKeyLocationAsPlainPathFindsClassPathResource() {
            TokenVerifier verifier = read(PUBLIC_KEY_LOCATION, "config/rsa-public.pem").verifier();

            accepted(verifier, classpathToken(TestTokens.claims()));
            rejected(verifier, rs256(otherKeys, TestTokens.claims()), Rejection.BAD_SIGNATURE);
        }

        @Test
        void publicKeyLocationMayHoldJwkOrJwksJson() throws IOException {
            Path jwk = write("key.jwk.json", keys.toJwk("k1").toJson());
            Path jwks = write("keys.jwks.json", JwksData.of(keys.toJwk("k1"), otherKeys.toJwk("k2")).toJson());

            TokenVerifier single = read(PUBLIC_KEY_LOCATION, jwk.toUri().toString()).verifier();
            accepted(single, keys.token().keyId("k1").create());
            rejected(single, otherKeys.token().keyId("k2").create());

            TokenVerifier set = read(PUBLIC_KEY_LOCATION, jwks.toUri().toString()).verifier();
            accepted(set, keys.token().keyId("k1").create());
            accepted(set, otherKeys.token().keyId("k2").create());
            rejected(set, RsaKeyPair.generate().token().keyId("k1").create(), Rejection.BAD_SIGNATURE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"classpath:config/no-such-key.pem", "file:/no/such/dir/key.pem",
                "/no/such/dir/key.pem", "config/no-such-key.pem"})
        void missingLocationNamesTheKey(String location) {
            ConfigurationException e = refused(PUBLIC_KEY_LOCATION, location);

            assertEquals(PUBLIC_KEY_LOCATION, e.property());
            assertMentions(e.getMessage(), PUBLIC_KEY_LOCATION, location);
        }

        @Test
        void unreadableKeyTextIsRefusedNamingTheKey() {
            ConfigurationException e = refused(PUBLIC_KEY, "this is not a key");

            assertEquals(PUBLIC_KEY, e.property());
        }

        @Test
        void httpLocationFetchesTheKeySetFromTheServer() {
            try (KeySetServer server = KeySetServer.start(JwksData.of(keys.toJwk("k1")).toJson())) {
                TokenGuardSettings settings = read(PUBLIC_KEY_LOCATION, server.uri());
                TokenVerifier verifier = settings.verifier();

                AccessToken token = accepted(verifier, keys.token().keyId("k1").create());
                assertEquals("tokenguard-user", token.subject());
                assertTrue(server.requests() >= 1, "the key set must have been fetched from the server");
                // another key claiming the served kid: bad signature; under a kid the server does not have: unknown
                rejected(verifier, otherKeys.token().keyId("k1").create(), Rejection.BAD_SIGNATURE);
                rejected(verifier, otherKeys.token().keyId("k2").create(), Rejection.UNKNOWN_KEY);
                assertMentions(settings.description(), server.uri());
            }
        }

        @Test
        void httpLocationWithUpperCaseSchemeIsStillAKeySetUrl() {
            try (KeySetServer server = KeySetServer.start(JwksData.of(keys.toJwk("k1")).toJson())) {
                String location = server.uri().replace("http://", "HTTP://");
                TokenVerifier verifier = read(PUBLIC_KEY_LOCATION, location).verifier();

                accepted(verifier, keys.token().keyId("k1").create());
                rejected(verifier, otherKeys.token().keyId("k1").create(), Rejection.BAD_SIGNATURE);
            }
        }

        @Test
        void httpLocationWithoutHostIsRefused() {
            ConfigurationException e = refused(PUBLIC_KEY_LOCATION, "https:///jwks.json");

            assertEquals(PUBLIC_KEY_LOCATION, e.property());
        }

        /** mp.jwt.verify.publickey holds a public key in any accepted form; with HS256 it would be a secret. */
        @Test
        void publicKeyWithHmacAlgorithmIsRefusedInEveryForm() {
            java.security.PublicKey key = dev.tokenguard.jwt.RsaKeyPair.generate().publicKey();
            String base64 = java.util.Base64.getEncoder().encodeToString(key.getEncoded());
            for (String form : List.of(base64, java.util.Base64.getMimeEncoder().encodeToString(key.getEncoded()))) {
                ConfigurationException e = refused(PUBLIC_KEY, form, ALGORITHMS, "HS256");
                assertEquals(PUBLIC_KEY, e.property());
                assertTrue(e.getMessage().contains("algorithm confusion"), e.getMessage());
                e = refused(SECRET, form);
                assertTrue(e.getMessage().contains("algorithm confusion"), e.getMessage());
            }
        }

        @Test
        void keySetUrlWithHmacAlgorithmIsRefused() {
            ConfigurationException e = refused(PUBLIC_KEY_LOCATION, "https://idp.example.com/jwks.json",
                    ALGORITHMS, "HS256");

            assertEquals(PUBLIC_KEY_LOCATION, e.property());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Standard MP JWT keys: algorithms, issuer, audiences, time
    // ------------------------------------------------------------------------------------------------

    @Nested
    class Algorithms {

        @Test
        void defaultIsRs256Only() {
            TokenVerifier verifier = withKeys().verifier();

            accepted(verifier, rs256(keys, TestTokens.claims()));
            rejected(verifier, TestTokens.sign(TestTokens.header("PS256"), TestTokens.claims(), keys.privateKey()),
                    Rejection.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void commaListAllowsEachNamedAlgorithm() {
            TokenVerifier verifier = withKeys(ALGORITHMS, "PS256, RS512").verifier();

            accepted(verifier, TestTokens.sign(TestTokens.header("PS256"), TestTokens.claims(), keys.privateKey()));
            accepted(verifier, TestTokens.sign(TestTokens.header("RS512"), TestTokens.claims(), keys.privateKey()));
            rejected(verifier, rs256(keys, TestTokens.claims()), Rejection.ALGORITHM_NOT_ALLOWED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "RS256,none", "XS999", "RS256, HS1"})
        void unsupportedAlgorithmIsRefusedListingTheSupportedOnes(String value) {
            ConfigurationException e = refusedWithKeys(ALGORITHMS, value);

            assertEquals(ALGORITHMS, e.property());
            assertMentions(e.getMessage(), "RS256", "PS256", "ES256", "HS256", "EdDSA");
        }

        @Test
        void algorithmThatDoesNotFitTheKeyIsRefused() {
            ConfigurationException e = refusedWithKeys(ALGORITHMS, "ES256");

            assertMentions(e.getMessage(), "RS256");
        }
    }

    @Nested
    class IssuerAndAudience {

        @Test
        void singleIssuer() {
            TokenVerifier verifier = withKeys(ISSUER, "https://idp.example.com").verifier();

            accepted(verifier, keys.token().issuer("https://idp.example.com").create());
            rejected(verifier, keys.token().issuer("https://evil.example.com").create(), Rejection.WRONG_ISSUER);
        }

        @Test
        void commaSeparatedIssuers() {
            TokenGuardSettings settings = withKeys(ISSUER, "https://a.example.com , https://b.example.com");

            accepted(settings.verifier(), keys.token().issuer("https://a.example.com").create());
            accepted(settings.verifier(), keys.token().issuer("https://b.example.com").create());
            rejected(settings.verifier(), keys.token().issuer("https://c.example.com").create(),
                    Rejection.WRONG_ISSUER);
            rejected(settings.verifier(), keys.token().issuer("https://a.example.com , https://b.example.com")
                    .create(), Rejection.WRONG_ISSUER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"tokenguard-test-issuer", "urn:example:issuer"})
        void issuerThatIsNotAUrlWorksAsInMpJwt(String issuer) {
            // iss is a StringOrURI (RFC 7519 §4.1.1); MP JWT accepts any string in mp.jwt.verify.issuer.
            TokenVerifier verifier = withKeys(ISSUER, issuer).verifier();

            accepted(verifier, keys.token().issuer(issuer).create());
            rejected(verifier, keys.token().issuer("other-issuer").create(), Rejection.WRONG_ISSUER);
        }

        @Test
        void commaSeparatedAudiences() {
            TokenVerifier verifier = withKeys(AUDIENCES, "https://a.example.com,https://b.example.com").verifier();

            AccessToken token = accepted(verifier, keys.token().audience("https://b.example.com").create());
            assertEquals("https://b.example.com", token.resource());
            accepted(verifier, keys.token().audience("https://x.example.com", "https://a.example.com").create());
            rejected(verifier, keys.token().audience("https://c.example.com").create(), Rejection.WRONG_AUDIENCE);
            rejected(verifier, keys.token().create(), Rejection.WRONG_AUDIENCE);
        }

        @Test
        void withoutAudiencesOrResourceTheAudienceIsNotChecked() {
            TokenVerifier verifier = withKeys().verifier();

            assertNull(accepted(verifier, keys.token().audience("https://anything.example").create()).resource());
            accepted(verifier, keys.token().create());
        }
    }

    @Nested
    class TimeSettings {

        /** Expired two minutes ago: refused with the default 60 s skew. */
        String expiredTwoMinutesAgo() {
            long now = Instant.now().getEpochSecond();
            return rs256(keys, claimsWith("iat", now - 3600, "exp", now - 120));
        }

        @Test
        void defaultClockSkewIsSixtySeconds() {
            TokenVerifier verifier = withKeys().verifier();
            long now = Instant.now().getEpochSecond();

            rejected(verifier, expiredTwoMinutesAgo(), Rejection.EXPIRED);
            accepted(verifier, rs256(keys, claimsWith("iat", now - 3600, "exp", now - 20)));
        }

        @ParameterizedTest
        @CsvSource({"300, true", "30, false", "0, false",
                "500ms, false", "30s, false", "10m, true", "1h, true", "PT30S, false", "PT10M, true", "10M, true"})
        void clockSkewInSecondsOrWithAUnit(String skew, boolean acceptsTokenExpiredTwoMinutesAgo) {
            TokenVerifier verifier = withKeys(CLOCK_SKEW, skew).verifier();

            Verification v = verifier.verify(expiredTwoMinutesAgo());
            if (acceptsTokenExpiredTwoMinutesAgo) {
                assertTrue(v.isAccepted(), () -> "skew " + skew + ": " + v);
            } else {
                assertEquals(Rejection.EXPIRED, v.rejection(), () -> "skew " + skew + ": " + v);
            }
        }

        @Test
        void tokenAgeInSeconds() {
            long now = Instant.now().getEpochSecond();
            String tenMinutesOld = rs256(keys, claimsWith("iat", now - 600, "exp", now + 3600));

            rejected(withKeys(TOKEN_AGE, "300").verifier(), tenMinutesOld, Rejection.TOO_OLD);
            rejected(withKeys(TOKEN_AGE, "5m").verifier(), tenMinutesOld, Rejection.TOO_OLD);
            accepted(withKeys(TOKEN_AGE, "3600").verifier(), tenMinutesOld);
            accepted(withKeys(TOKEN_AGE, "1h").verifier(), tenMinutesOld);
            accepted(withKeys().verifier(), tenMinutesOld);
            // a maximum age needs iat
            rejected(withKeys(TOKEN_AGE, "3600").verifier(), rs256(keys, claimsWith("iat", null)),
                    Rejection.MISSING_CLAIM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "PT0S", "0ms"})
        void zeroTokenAgeIsRefused(String value) {
            assertEquals(TOKEN_AGE, refusedWithKeys(TOKEN_AGE, value).property());
        }

        @ParameterizedTest
        @CsvSource({
                "mp.jwt.verify.clock.skew, soon", "mp.jwt.verify.clock.skew, -5", "mp.jwt.verify.clock.skew, 1.5s",
                "mp.jwt.verify.token.age, ten minutes", "mp.jwt.verify.token.age, PT-1S",
                "tokenguard.jwks.cache-ttl, 10 days", "tokenguard.jwks.min-refresh-interval, 30x",
                "tokenguard.jwks.connect-timeout, fast", "tokenguard.jwks.read-timeout, -1s",
                "tokenguard.cache.ttl, forever", "tokenguard.cache.ttl, 5d"})
        void badDurationNamesTheKey(String key, String value) {
            ConfigurationException e = refusedWithKeys(key, value);

            assertEquals(key, e.property());
            assertMentions(e.getMessage(), key, value, "30s");
        }

        @Test
        void goodDurationsAndSizesAreAccepted() {
            TokenVerifier verifier = withKeys(JWKS_CACHE_TTL, "5m", JWKS_MIN_REFRESH_INTERVAL, "0",
                    JWKS_CONNECT_TIMEOUT, "500ms", JWKS_READ_TIMEOUT, "PT3S", CACHE_SIZE, "0", CACHE_TTL, "30s")
                    .verifier();

            String token = keys.token().create();
            accepted(verifier, token);
            accepted(verifier, token);
            rejected(verifier, otherKeys.token().create(), Rejection.BAD_SIGNATURE);
            accepted(withKeys(CACHE_SIZE, "50", CACHE_TTL, "0").verifier(), token);
        }

        @ParameterizedTest
        @ValueSource(strings = {JWKS_CACHE_TTL, JWKS_CONNECT_TIMEOUT, JWKS_READ_TIMEOUT})
        void zeroWhereAPositiveDurationIsNeededNamesThatKey(String key) {
            ConfigurationException e = refusedWithKeys(key, "0");

            assertEquals(key, e.property(), () -> "message was: " + e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "lots", "1e3", "10000000000"})
        void badCacheSizeNamesTheKey(String value) {
            ConfigurationException e = refusedWithKeys(CACHE_SIZE, value);

            assertEquals(CACHE_SIZE, e.property());
            assertMentions(e.getMessage(), value);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Standard MP JWT keys: where requests carry the token
    // ------------------------------------------------------------------------------------------------

    @Nested
    class TokenLocationSettings {

        @Test
        void authorizationHeaderByDefault() {
            TokenLocation location = withKeys().tokenLocation();

            assertEquals(TokenLocation.AUTHORIZATION, location);
            assertTrue(location.isAuthorizationHeader());
            assertFalse(location.isCookie());
            assertEquals(TokenLocation.AUTHORIZATION, withKeys(TOKEN_HEADER, "authorization").tokenLocation());
        }

        @Test
        void cookieWithTheMpJwtDefaultName() {
            TokenLocation location = withKeys(TOKEN_HEADER, "Cookie").tokenLocation();

            assertTrue(location.isCookie());
            assertEquals("Bearer", location.cookie());
            assertFalse(location.isAuthorizationHeader());
        }

        @Test
        void cookieWithACustomName() {
            TokenLocation location = withKeys(TOKEN_HEADER, "cookie", TOKEN_COOKIE, "session_token").tokenLocation();

            assertEquals(new TokenLocation("Cookie", "session_token"), location);
        }

        @Test
        void cookieNameIsIgnoredUnlessTheHeaderIsCookie() {
            assertEquals(TokenLocation.AUTHORIZATION, withKeys(TOKEN_COOKIE, "session_token").tokenLocation());
        }

        @Test
        void customHeader() {
            TokenLocation location = withKeys(TOKEN_HEADER, "X-Access-Token").tokenLocation();

            assertEquals("X-Access-Token", location.header());
            assertFalse(location.isCookie());
            assertFalse(location.isAuthorizationHeader());
        }

        @ParameterizedTest
        @ValueSource(strings = {"X Access Token", "X-Token:", "Bad/Header", "Authorization: Bearer", "Tök"})
        void invalidHeaderNameIsRefused(String header) {
            assertEquals(TOKEN_HEADER, refusedWithKeys(TOKEN_HEADER, header).property());
        }

        @ParameterizedTest
        @ValueSource(strings = {"my session", "a;b", "tok=en", "session,token"})
        void invalidCookieNameIsRefused(String cookie) {
            // RFC 6265 §4.1.1: a cookie-name is an HTTP token; a browser can never send a cookie with this name.
            ConfigurationException e = refusedWithKeys(TOKEN_HEADER, "Cookie", TOKEN_COOKIE, cookie);

            assertEquals(TOKEN_COOKIE, e.property());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // tokenguard.jwt.*
    // ------------------------------------------------------------------------------------------------

    @Nested
    class SharedSecret {

        @Test
        void secretMeansHs256ByDefault() {
            TokenVerifier verifier = read(SECRET, HS_SECRET).verifier();

            accepted(verifier, hs256(HS_SECRET, TestTokens.claims()));
            rejected(verifier, hs256(HS_SECRET.replace('s', 'S'), TestTokens.claims()), Rejection.BAD_SIGNATURE);
            rejected(verifier, rs256(keys, TestTokens.claims()), Rejection.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void tooShortSecretIsRefusedWithoutEchoingIt() {
            String shortSecret = "hunter2-too-short";
            ConfigurationException e = refused(SECRET, shortSecret);

            assertEquals(SECRET, e.property());
            assertNotMentions(e.getMessage(), shortSecret);
            assertNotMentions(e.problem(), shortSecret);
        }

        @Test
        void secretTooShortForTheChosenAlgorithmIsRefused() {
            ConfigurationException e = refused(SECRET, HS_SECRET, ALGORITHMS, "HS512");

            assertEquals(SECRET, e.property());
            assertNotMentions(e.getMessage(), HS_SECRET);
        }

        @Test
        void secretWithPublicKeyAlgorithmIsRefused() {
            ConfigurationException e = refused(SECRET, HS_SECRET, ALGORITHMS, "RS256");

            assertNotMentions(e.getMessage(), HS_SECRET);
        }

        @Test
        void requireExpirationDefaultsToTrue() {
            TokenVerifier verifier = withKeys().verifier();

            rejected(verifier, rs256(keys, claimsWith("exp", null)), Rejection.MISSING_CLAIM);
            rejected(withKeys(REQUIRE_EXPIRATION, "TRUE").verifier(), rs256(keys, claimsWith("exp", null)),
                    Rejection.MISSING_CLAIM);
        }

        @Test
        void requireExpirationFalseAcceptsTokensWithoutExp() {
            TokenVerifier verifier = withKeys(REQUIRE_EXPIRATION, "false").verifier();

            accepted(verifier, rs256(keys, claimsWith("exp", null)));
            long now = Instant.now().getEpochSecond();
            rejected(verifier, rs256(keys, claimsWith("exp", now - 3600)), Rejection.EXPIRED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "1", "no", "off"})
        void requireExpirationOnlyTakesTrueOrFalse(String value) {
            ConfigurationException e = refusedWithKeys(REQUIRE_EXPIRATION, value);

            assertEquals(REQUIRE_EXPIRATION, e.property());
            assertMentions(e.getMessage(), "true", "false");
        }

        @Test
        void maxTokenSize() {
            String token = keys.token().create();
            assertTrue(token.length() > 300 && token.length() < 16 * 1024);

            rejected(withKeys(MAX_TOKEN_SIZE, "300").verifier(), token, Rejection.TOO_LARGE);
            accepted(withKeys(MAX_TOKEN_SIZE, String.valueOf(token.length())).verifier(), token);
            accepted(withKeys().verifier(), token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "16k", "big"})
        void badMaxTokenSizeNamesTheKey(String value) {
            assertEquals(MAX_TOKEN_SIZE, refusedWithKeys(MAX_TOKEN_SIZE, value).property());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // tokenguard.required-scopes, scopes-supported, realm, authorization servers
    // ------------------------------------------------------------------------------------------------

    @Nested
    class ScopesRealmAndServers {

        @Test
        void requiredScopesAreEnforced() {
            TokenGuardSettings settings = withKeys(REQUIRED_SCOPES, "read, write");

            assertEquals(List.of("read", "write"), settings.verifier().requiredScopes());
            assertEquals(List.of("read", "write"), settings.requiredScopes());
            accepted(settings.verifier(), keys.token().scopes("write", "read", "admin").create());
            rejected(settings.verifier(), keys.token().scopes("read").create(), Rejection.INSUFFICIENT_SCOPE);
            rejected(settings.verifier(), keys.token().create(), Rejection.INSUFFICIENT_SCOPE);
        }

        @Test
        void noRequiredScopesByDefault() {
            TokenGuardSettings settings = withKeys();

            assertEquals(List.of(), settings.requiredScopes());
            accepted(settings.verifier(), keys.token().create());
        }

        @Test
        void scopesSupportedDefaultsToRequiredScopes() {
            assertEquals(List.of("read", "write"), withKeys(REQUIRED_SCOPES, "read,write").scopesSupported());
            assertEquals(List.of(), withKeys().scopesSupported());
        }

        @Test
        void scopesSupportedCanBeSet() {
            TokenGuardSettings settings = withKeys(REQUIRED_SCOPES, "read", SCOPES_SUPPORTED, "read, write, admin");

            assertEquals(List.of("read", "write", "admin"), settings.scopesSupported());
            assertEquals(List.of("read"), settings.requiredScopes());
        }

        @Test
        void realm() {
            assertEquals("tokenguard", withKeys().realm());
            assertEquals("My API", withKeys(REALM, "My API").realm());
        }

        /** Copied into WWW-Authenticate: CR or LF would split the header, a quote or backslash end the string. */
        @ParameterizedTest
        @ValueSource(strings = {"my \"api\"", "back\\slash", "api\r\nSet-Cookie: x=1", "api\nx", "api\u0000",
            "api\u007f"})
        void realmThatIsNotSafeInAHeaderIsRefused(String realm) {
            assertEquals(REALM, refusedWithKeys(REALM, realm).property());
        }

        @ParameterizedTest
        @ValueSource(strings = {"read,adm\"in", "read,admin\\", "read,ädmin", "read\tadmin"})
        void scopesThatAreNotScopeTokensAreRefused(String scopes) {
            assertEquals(SCOPES_SUPPORTED, refusedWithKeys(SCOPES_SUPPORTED, scopes).property());
            assertEquals(REQUIRED_SCOPES, refusedWithKeys(REQUIRED_SCOPES, scopes).property());
        }

        @Test
        void rolesAreScopesUnlessConfigured() {
            AccessToken token = new AccessToken("t", "c", List.of("read"), null, null, "alice",
                    Map.of("groups", List.of("admin"), "realm_access", Map.of("roles", List.of("ops", 7)),
                            "resource_access", Map.of("my-client", Map.of("roles", "editor"))));
            assertEquals(java.util.Set.of("read"), withKeys().roles().rolesOf(token));
            assertEquals(java.util.Set.of("admin"), withKeys(ROLES, "groups").roles().rolesOf(token));
            assertEquals(java.util.Set.of("read", "ops", "editor"), withKeys(ROLES,
                    "scope, realm_access/roles, resource_access/my-client/roles").roles().rolesOf(token));
            assertEquals(java.util.Set.of(), withKeys(ROLES, "permissions").roles().rolesOf(token));
            assertTrue(withKeys(ROLES, "groups").description().contains("roles from groups"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/groups", "realm_access/", "a//b"})
        void aRoleSourceThatIsNotAClaimPathIsRefused(String roles) {
            assertEquals(ROLES, refusedWithKeys(ROLES, roles).property());
        }

        @Test
        void authorizationServersDefaultToTheIssuers() {
            TokenGuardSettings settings = withKeys(ISSUER, "https://a.example.com,https://b.example.com");

            assertEquals(List.of("https://a.example.com", "https://b.example.com"), settings.authorizationServers());
            assertEquals(List.of(), withKeys().authorizationServers());
        }

        @Test
        void authorizationServersCanBeSet() {
            TokenGuardSettings settings = withKeys(ISSUER, "https://idp.example.com/realms/x",
                    AUTHORIZATION_SERVERS, "https://login.example.com, https://backup.example.com");

            assertEquals(List.of("https://login.example.com", "https://backup.example.com"),
                    settings.authorizationServers());
        }

        @ParameterizedTest
        @ValueSource(strings = {"login.example.com", "ftp://login.example.com", "https://ok.example.com,not a url"})
        void authorizationServerThatIsNotAnHttpUrlIsRefused(String value) {
            assertEquals(AUTHORIZATION_SERVERS, refusedWithKeys(AUTHORIZATION_SERVERS, value).property());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // tokenguard.resource
    // ------------------------------------------------------------------------------------------------

    @Nested
    class Resource {

        @ParameterizedTest
        @CsvSource({
                "HTTPS://API.Example.COM/mcp/, https://api.example.com/mcp",
                "https://api.example.com/, https://api.example.com",
                "https://api.example.com, https://api.example.com",
                "http://LOCALHOST:8080/MCP//, http://localhost:8080/MCP",
                "https://api.example.com/mcp?tenant=A, https://api.example.com/mcp?tenant=A"})
        void resourceIsCanonicalised(String configured, String canonical) {
            assertEquals(canonical, withKeys(RESOURCE, configured).resource());
        }

        @Test
        void noResourceByDefault() {
            assertNull(withKeys().resource());
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://api.example.com/mcp#section", "https://api.example.com/#",
                "ftp://api.example.com/mcp", "urn:example:api", "api.example.com/mcp", "https:///mcp"})
        void resourceThatIsNotAPlainHttpUrlIsRefused(String value) {
            assertEquals(RESOURCE, refusedWithKeys(RESOURCE, value).property());
        }

        @Test
        void resourceIsTheDefaultAudience() {
            TokenGuardSettings settings = withKeys(RESOURCE, "HTTPS://API.example.com/mcp/");
            TokenVerifier verifier = settings.verifier();

            AccessToken token = accepted(verifier, keys.token().audience("https://api.example.com/mcp").create());
            assertEquals("https://api.example.com/mcp", token.resource());
            rejected(verifier, keys.token().audience("https://other.example.com/mcp").create(),
                    Rejection.WRONG_AUDIENCE);
            rejected(verifier, keys.token().create(), Rejection.WRONG_AUDIENCE);
            assertMentions(settings.description(), "https://api.example.com/mcp");
        }

        @Test
        void explicitAudiencesReplaceTheResourceAsAudience() {
            TokenVerifier verifier = withKeys(RESOURCE, "https://api.example.com/mcp",
                    AUDIENCES, "https://gateway.example.com").verifier();

            accepted(verifier, keys.token().audience("https://gateway.example.com").create());
            rejected(verifier, keys.token().audience("https://api.example.com/mcp").create(),
                    Rejection.WRONG_AUDIENCE);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // tokenguard.static-tokens and tokenguard.verifier
    // ------------------------------------------------------------------------------------------------

    @Nested
    class StaticTokens {

        @Test
        void staticTokensFromTheClassPath() {
            TokenGuardSettings settings = read(STATIC_TOKENS, STATIC_TOKENS_RESOURCE);
            TokenVerifier verifier = settings.verifier();

            assertInstanceOf(StaticTokenVerifier.class, verifier);
            AccessToken alice = accepted(verifier, ALICE);
            assertEquals("alice-app", alice.clientId());
            assertEquals("alice", alice.subject());
            assertEquals(List.of("read", "write"), alice.scopes());
            assertNull(alice.expiresAt());
            AccessToken bob = accepted(verifier, BOB);
            assertEquals("bob-app", bob.clientId());
            assertEquals(List.of("read"), bob.scopes());
            assertEquals(Instant.ofEpochSecond(4102444800L), bob.expiresAt());
            rejected(verifier, EXPIRED, Rejection.EXPIRED);
            rejected(verifier, "dev-token-unknown", Rejection.UNKNOWN_TOKEN);
        }

        @Test
        void staticTokensFromAFileUrlAndAPlainPath() throws IOException {
            Path file = write("tokens.json", """
                    {"file-token-1a2b3c": {"client_id": "file-app", "scopes": ["read"]}}""");

            for (String location : List.of(file.toUri().toString(), file.toAbsolutePath().toString())) {
                TokenVerifier verifier = read(STATIC_TOKENS, location).verifier();
                assertEquals("file-app", accepted(verifier, "file-token-1a2b3c").clientId());
                rejected(verifier, ALICE, Rejection.UNKNOWN_TOKEN);
            }
        }

        @Test
        void requiredScopesApplyToStaticTokens() {
            TokenGuardSettings settings = read(STATIC_TOKENS, STATIC_TOKENS_RESOURCE, REQUIRED_SCOPES, "write");

            assertEquals(List.of("write"), settings.requiredScopes());
            assertEquals(List.of("write"), settings.scopesSupported());
            accepted(settings.verifier(), ALICE);
            rejected(settings.verifier(), BOB, Rejection.INSUFFICIENT_SCOPE);
        }

        @Test
        void malformedFileIsRefusedWithoutEchoingTokens() throws IOException {
            Path file = write("broken.json", """
                    {"leaky-token-4f4f4f": {"client_id": "a", "scopes": ["read"]},
                     "second-leaky-token-5e5e": {"client_id": \"""");

            ConfigurationException e = refused(STATIC_TOKENS, file.toUri().toString());

            assertEquals(STATIC_TOKENS, e.property());
            assertNotMentions(e.getMessage(), "leaky-token");
        }

        @Test
        void fileThatIsNotAnObjectOfObjectsIsRefused() throws IOException {
            Path array = write("array.json", "[\"leaky-token-array-77\"]");
            Path stringEntry = write("string-entry.json", "{\"leaky-token-string-88\": \"read\"}");

            for (Path file : List.of(array, stringEntry)) {
                ConfigurationException e = refused(STATIC_TOKENS, file.toUri().toString());
                assertEquals(STATIC_TOKENS, e.property());
                assertNotMentions(e.getMessage(), "leaky-token");
            }
        }

        @Test
        void duplicateTokenIsRefusedWithoutEchoingIt() throws IOException {
            Path file = write("dupes.json", """
                    {"dup-token-9c9c9c": {"client_id": "first", "scopes": ["read"]},
                     "other-token-1d1d": {"client_id": "other"},
                     "dup-token-9c9c9c": {"client_id": "second", "scopes": ["admin"]}}""");

            ConfigurationException e = refused(STATIC_TOKENS, file.toUri().toString());

            assertEquals(STATIC_TOKENS, e.property());
            assertNotMentions(e.getMessage(), "dup-token", "other-token");
        }

        @Test
        void entryWithoutClientIdIsRefusedByPositionNotByToken() throws IOException {
            Path file = write("no-client.json", """
                    {"good-token-2b2b2b": {"client_id": "good"},
                     "secret-token-without-client-3c3c": {"scopes": ["read"]}}""");

            ConfigurationException e = refused(STATIC_TOKENS, file.toUri().toString());

            assertEquals(STATIC_TOKENS, e.property());
            assertMentions(e.getMessage(), "#2", "client_id");
            assertNotMentions(e.getMessage(), "secret-token-without-client", "good-token");
        }

        @Test
        void missingStaticTokensFileNamesTheKey() {
            ConfigurationException e = refused(STATIC_TOKENS, "classpath:config/no-such-tokens.json");

            assertEquals(STATIC_TOKENS, e.property());
        }
    }

    @Nested
    class VerifierChoice {

        @Test
        void inferredJwtFromAKey() {
            assertInstanceOf(JwtVerifier.class, withKeys().verifier());
            assertInstanceOf(JwtVerifier.class, read(SECRET, HS_SECRET).verifier());
        }

        @Test
        void inferredStaticFromStaticTokens() {
            assertInstanceOf(StaticTokenVerifier.class, read(STATIC_TOKENS, STATIC_TOKENS_RESOURCE).verifier());
        }

        @Test
        void explicitChoiceWinsWhenBothAreConfigured() {
            TokenVerifier jwt = withKeys(STATIC_TOKENS, STATIC_TOKENS_RESOURCE, VERIFIER, "jwt").verifier();
            assertInstanceOf(JwtVerifier.class, jwt);
            accepted(jwt, keys.token().create());
            rejected(jwt, ALICE);

            TokenVerifier statics = withKeys(STATIC_TOKENS, STATIC_TOKENS_RESOURCE, VERIFIER, "Static").verifier();
            assertInstanceOf(StaticTokenVerifier.class, statics);
            accepted(statics, ALICE);
            rejected(statics, keys.token().create());
        }

        @Test
        void bothKindsWithoutAChoiceIsRefused() {
            ConfigurationException e = refusedWithKeys(STATIC_TOKENS, STATIC_TOKENS_RESOURCE);

            assertEquals(VERIFIER, e.property());
            assertMentions(e.getMessage(), "jwt", "static");
            assertEquals(VERIFIER, refused(SECRET, HS_SECRET, STATIC_TOKENS, STATIC_TOKENS_RESOURCE).property());
        }

        @ParameterizedTest
        @ValueSource(strings = {"oauth", "jwks", "none"})
        void unknownVerifierIsRefused(String value) {
            ConfigurationException e = refusedWithKeys(VERIFIER, value);

            assertEquals(VERIFIER, e.property());
            assertMentions(e.getMessage(), "jwt", "static", value);
        }

        @Test
        void chosenKindWithoutItsConfigurationIsRefused() {
            assertEquals(STATIC_TOKENS, refusedWithKeys(VERIFIER, "static").property());
            assertEquals(PUBLIC_KEY_LOCATION,
                    refused(VERIFIER, "jwt", STATIC_TOKENS, STATIC_TOKENS_RESOURCE).property());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Nothing, or too much, configured
    // ------------------------------------------------------------------------------------------------

    @Nested
    class MissingOrConflictingKeys {

        @Test
        void nothingConfiguredNamesTheLocationAndTheAlternatives() {
            ConfigurationException e = refused();

            assertEquals(PUBLIC_KEY_LOCATION, e.property());
            assertMentions(e.getMessage(), PUBLIC_KEY_LOCATION, PUBLIC_KEY, SECRET, STATIC_TOKENS);
        }

        @Test
        void blankValuesCountAsUnset() {
            ConfigurationException e = refused(PUBLIC_KEY, "   ", AUDIENCES, "https://api.example.com");

            assertEquals(PUBLIC_KEY_LOCATION, e.property());
        }

        @Test
        void anIssuerAloneMeansItsKeysAreDiscovered() {
            TokenGuardSettings s = read(PUBLIC_KEY, "   ", ISSUER, "https://idp.example.com");
            assertTrue(s.description().contains("keys of https://idp.example.com by discovery"), s.description());
        }

        @Test
        void twoKeySourcesAreRefused() throws IOException {
            Path pem = write("two.pem", keys.publicKeyPem());

            ConfigurationException keyAndLocation = refusedWithKeys(PUBLIC_KEY_LOCATION, pem.toUri().toString());
            assertTrue(List.of(PUBLIC_KEY, PUBLIC_KEY_LOCATION).contains(keyAndLocation.property()));
            assertMentions(keyAndLocation.getMessage(), PUBLIC_KEY, PUBLIC_KEY_LOCATION, SECRET);

            ConfigurationException locationAndSecret = refused(PUBLIC_KEY_LOCATION, CLASSPATH_PUBLIC_KEY,
                    SECRET, HS_SECRET);
            assertTrue(List.of(SECRET, PUBLIC_KEY_LOCATION).contains(locationAndSecret.property()));
            assertNotMentions(locationAndSecret.getMessage(), HS_SECRET);

            ConfigurationException keyAndSecret = refusedWithKeys(SECRET, HS_SECRET);
            assertNotMentions(keyAndSecret.getMessage(), HS_SECRET);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The startup description
    // ------------------------------------------------------------------------------------------------

    @Nested
    class Description {

        @Test
        void namesTheJwtVerifierWithoutTheSecret() {
            TokenGuardSettings settings = read(SECRET, HS_SECRET, TOKEN_HEADER, "Cookie", TOKEN_COOKIE, "session");

            assertMentions(settings.description(), "JwtVerifier", "HS256", "session");
            assertNotMentions(settings.description(), HS_SECRET, HS_SECRET.substring(0, 12),
                    Base64.getEncoder().encodeToString(HS_SECRET.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
        }

        @Test
        void namesTheStaticVerifierWithoutAnyToken() {
            TokenGuardSettings settings = read(STATIC_TOKENS, STATIC_TOKENS_RESOURCE, REQUIRED_SCOPES, "read");

            assertMentions(settings.description(), "StaticTokenVerifier", "Authorization");
            assertNotMentions(settings.description(), ALICE, BOB, EXPIRED, "dev-token");
        }

        @Test
        void namesTheKeyIssuerAndAudienceOfAPublicKeyVerifier() {
            TokenGuardSettings settings = read(PUBLIC_KEY_LOCATION, CLASSPATH_PUBLIC_KEY,
                    ISSUER, "https://idp.example.com", AUDIENCES, "https://api.example.com",
                    TOKEN_HEADER, "X-Access-Token");

            assertMentions(settings.description(), "JwtVerifier", "RS256", "https://idp.example.com",
                    "https://api.example.com", "X-Access-Token");
            // the key itself is not needed to understand the setup
            String body = classpathPublicPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            assertNotMentions(settings.description(), body);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Encrypted tokens: mp.jwt.decrypt.key.location and mp.jwt.decrypt.key.algorithm
    // ------------------------------------------------------------------------------------------------

    @Nested
    class DecryptionKey {

        /** The public half of config/rsa-private.pem, which these tests use as the decryption key. */
        private PublicKey classpathPublicKey() throws Exception {
            byte[] der = Base64.getMimeDecoder().decode(classpathPublicPem.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }

        /** Signed by {@link #keys} (the verification key of {@link #withKeys}), encrypted to {@code recipient}. */
        private String encrypted(String alg, String kid, PublicKey recipient) {
            return TestTokens.encryptJwt(rs256(keys, TestTokens.claims()), alg, kid, recipient);
        }

        private String privateJwkSet(RsaKeyPair pair, String kid) throws Exception {
            RsaJsonWebKey jwk = new RsaJsonWebKey(pair.publicKey());
            jwk.setPrivateKey(pair.privateKey());
            jwk.setKeyId(kid);
            return TestTokens.jwks(jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        }

        @Test
        void aLocationOnTheClassPathDecryptsTokensEncryptedToItsKey() throws Exception {
            TokenVerifier verifier = withKeys(DECRYPT_KEY_LOCATION, "classpath:config/rsa-private.pem").verifier();

            accepted(verifier, encrypted("RSA-OAEP", null, classpathPublicKey()));
            accepted(verifier, encrypted("RSA-OAEP-256", null, classpathPublicKey()));
            rejected(verifier, encrypted("RSA-OAEP", null, otherKeys.publicKey()), Rejection.UNDECRYPTABLE);
            rejected(verifier, rs256(keys, TestTokens.claims()), Rejection.MALFORMED); // signed only: refused
        }

        @Test
        void aPlainPathFindsTheClassPathResourceAsMpJwtDoes() throws Exception {
            // The MP-JWT TCK's form: mp.jwt.decrypt.key.location=/privateKey.pem
            TokenVerifier verifier = withKeys(DECRYPT_KEY_LOCATION, "/config/rsa-private.pem").verifier();

            accepted(verifier, encrypted("RSA-OAEP", null, classpathPublicKey()));
        }

        @Test
        void aJwkSetInAFileSelectsByKid() throws Exception {
            Path file = write("decrypt.jwks", privateJwkSet(otherKeys, "enc-1"));
            TokenVerifier verifier = withKeys(DECRYPT_KEY_LOCATION, file.toUri().toString()).verifier();

            accepted(verifier, encrypted("RSA-OAEP-256", "enc-1", otherKeys.publicKey()));
            rejected(verifier, encrypted("RSA-OAEP-256", "enc-2", otherKeys.publicKey()), Rejection.UNKNOWN_KEY);
        }

        @Test
        void anHttpLocationIsReadOnceAtDeployment() {
            try (KeySetServer server = KeySetServer.start(privateJwkSet(otherKeys, "enc-1"))) {
                TokenVerifier verifier = withKeys(DECRYPT_KEY_LOCATION, server.uri()).verifier();

                for (int i = 0; i < 3; i++) {
                    accepted(verifier, encrypted("RSA-OAEP", "enc-1", otherKeys.publicKey()));
                }
                assertEquals(1, server.requests());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void anHttpLocationThatDoesNotAnswer200FailsNamingTheProperty() throws Exception {
            try (KeySetServer server = KeySetServer.start(privateJwkSet(otherKeys, "enc-1"))) {
                ConfigurationException e = refusedWithKeys(DECRYPT_KEY_LOCATION, server.uri().replace("jwks", "nothing"));

                assertEquals(DECRYPT_KEY_LOCATION, e.property());
                assertMentions(e.getMessage(), "404");
            }
        }

        @Test
        void theAlgorithmListRestrictsAlg() throws Exception {
            TokenVerifier verifier = withKeys(DECRYPT_KEY_LOCATION, "classpath:config/rsa-private.pem",
                    DECRYPT_ALGORITHMS, "RSA-OAEP").verifier();

            accepted(verifier, encrypted("RSA-OAEP", null, classpathPublicKey()));
            rejected(verifier, encrypted("RSA-OAEP-256", null, classpathPublicKey()), Rejection.ALGORITHM_NOT_ALLOWED);
            TokenVerifier both = withKeys(DECRYPT_KEY_LOCATION, "classpath:config/rsa-private.pem",
                    DECRYPT_ALGORITHMS, "RSA-OAEP-256, RSA-OAEP").verifier();
            accepted(both, encrypted("RSA-OAEP-256", null, classpathPublicKey()));
            accepted(both, encrypted("RSA-OAEP", null, classpathPublicKey()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RSA1_5", "dir", "A256KW", "ECDH-ES", "RS256"})
        void anAlgorithmThatCannotBeConfiguredFailsNamingTheProperty(String alg) {
            ConfigurationException e = refusedWithKeys(DECRYPT_KEY_LOCATION, "classpath:config/rsa-private.pem",
                    DECRYPT_ALGORITHMS, alg);

            assertEquals(DECRYPT_ALGORITHMS, e.property());
        }

        @Test
        void anAlgorithmWithoutALocationFailsNamingTheAlgorithmProperty() {
            assertEquals(DECRYPT_ALGORITHMS, refusedWithKeys(DECRYPT_ALGORITHMS, "RSA-OAEP").property());
        }

        @Test
        void aKeyThatIsNoUsableDecryptionKeyFailsNamingTheLocation() throws Exception {
            for (String location : List.of(CLASSPATH_PUBLIC_KEY, "classpath:config/no-such-key.pem",
                    write("weak.pem", pem("PRIVATE KEY", TestTokens.rsa(1024).getPrivate().getEncoded())).toString(),
                    write("sig.jwks", privateJwkSet(otherKeys, "k").replace("\"kid\"", "\"use\":\"sig\",\"kid\""))
                            .toString())) {
                ConfigurationException e = refusedWithKeys(DECRYPT_KEY_LOCATION, location);
                assertEquals(DECRYPT_KEY_LOCATION, e.property(), location);
                assertNotMentions(e.getMessage(), (String) new RsaJsonWebKey(otherKeys.publicKey()).toParams(
                        JsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("n"));
            }
        }

        @Test
        void aDecryptionKeyWithoutAVerificationKeyIsRefusedSinceAnyoneCanEncrypt() {
            // MP-JWT 2.1 makes encrypted-only tokens optional; TokenGuard accepts only signed-then-encrypted ones.
            ConfigurationException e = refused(DECRYPT_KEY_LOCATION, "classpath:config/rsa-private.pem");

            assertEquals(PUBLIC_KEY_LOCATION, e.property());
            assertMentions(e.getMessage(), "signed by the issuer, then encrypted");
        }

        @Test
        void theDescriptionSaysEncryptedTokensOnly() {
            String description = withKeys(DECRYPT_KEY_LOCATION, "classpath:config/rsa-private.pem").description();

            assertMentions(description, "encrypted tokens only", "RSA-OAEP", "A256GCM");
        }

        private String pem(String label, byte[] der) {
            return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END "
                    + label + "-----\n";
        }
    }

    // ------------------------------------------------------------------------------------------------
    // A JWK Set over real HTTP (JDK HttpServer on 127.0.0.1)
    // ------------------------------------------------------------------------------------------------

    /**
     * Serves one JWK Set document at {@code http://127.0.0.1:<port>/jwks.json}; counts requests. (The
     * {@code dev.tokenguard.jwt.JwksServer} helper is package-private there.)
     */
    static final class KeySetServer implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        private KeySetServer(HttpServer server) {
            this.server = server;
        }

        static KeySetServer start(String jwksJson) {
            try {
                HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
                KeySetServer result = new KeySetServer(http);
                byte[] body = jwksJson.getBytes(StandardCharsets.UTF_8);
                http.createContext("/jwks.json", exchange -> {
                    try (exchange) {
                        result.requests.incrementAndGet();
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
                http.start();
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
