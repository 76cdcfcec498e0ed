package dev.tokenguard.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.Rejection;
import dev.tokenguard.TokenVerifier;
import dev.tokenguard.Verification;
import dev.tokenguard.introspection.IntrospectionVerifier;
import dev.tokenguard.jwt.JwksData;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack corpus of the network paths: tokens that spoof their issuer, metadata that points elsewhere, and
 * introspection endpoints that answer too much, too slowly or not in RFC 7662's terms. Each case names its attack
 * and the refusal it must get; a spoofed issuer must also cost no request at all. One JDK HTTP server plays every
 * party, by path.
 */
class HostileServerAttacksTest {

    private static HttpServer server;
    /** What each path answers: status, content type, body, delay before the body. */
    private static final Map<String, Object[]> PATHS = new ConcurrentHashMap<>();
    private static final List<String> REQUESTED = new CopyOnWriteArrayList<>();
    private static final RsaKeyPair KEYS = RsaKeyPair.generate();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            REQUESTED.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            Object[] a = PATHS.getOrDefault(exchange.getRequestURI().getPath(), new Object[] {404, "text/plain", "", 0L});
            byte[] body = ((String) a[2]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", (String) a[1]);
            exchange.sendResponseHeaders((int) a[0], body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                long delay = (long) a[3];
                if (delay > 0) {
                    out.write(body, 0, Math.min(1, body.length));
                    out.flush();
                    Thread.sleep(delay);
                    out.write(body, Math.min(1, body.length), body.length - Math.min(1, body.length));
                } else {
                    out.write(body);
                }
            } catch (IOException | InterruptedException cutOff) {
                // the verifier stopped reading
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(String path, int status, String type, String body, long delayMillis) {
        PATHS.put(path, new Object[] {status, type, body, delayMillis});
    }

    /** One attack: its name, the verifier it meets (built when it runs), the token, the refusal, and no requests. */
    record Attack(String name, Supplier<TokenVerifier> verifier, Supplier<String> token, Rejection refusal,
                  boolean noRequests) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static TokenVerifier discovering(String... issuers) {
        return JwtVerifier.builder().issuer(issuers).discoverKeys().keySetMinRefreshInterval(Duration.ZERO)
                .keySetReadTimeout(Duration.ofMillis(500)).build();
    }

    private static TokenVerifier introspecting() {
        return IntrospectionVerifier.builder().endpoint(origin() + "/introspect").clientSecretBasic("rs", "s")
                .readTimeout(Duration.ofMillis(500)).maxResponseBytes(4096).build();
    }

    private static String tokenOf(String issuer) {
        return KEYS.token().issuer(issuer).keyId("k").create();
    }

    static Stream<Attack> attacks() {
        String good = "/good";
        List<Attack> a = new ArrayList<>();
        // Issuer spoofing: iss only chooses among the configured issuers; anything else costs nothing.
        Map<String, Supplier<String>> spoofed = new java.util.LinkedHashMap<>();
        spoofed.put("another issuer", () -> "https://evil.example");
        spoofed.put("the issuer in upper case", () -> (origin() + good).toUpperCase());
        spoofed.put("the issuer with a trailing slash", () -> origin() + good + "/");
        spoofed.put("the issuer with a trailing space", () -> origin() + good + " ");
        spoofed.put("the issuer with a Cyrillic o", () -> origin() + "/g\u043eod");
        spoofed.put("a prefix of the issuer", () -> origin());
        spoofed.forEach((what, iss) -> a.add(new Attack("iss spoofed: " + what, () -> discovering(origin() + good),
                () -> tokenOf(iss.get()), Rejection.WRONG_ISSUER, true)));
        a.add(new Attack("iss as an array naming the issuer", () -> discovering(origin() + good),
                () -> KEYS.token().claim("iss", List.of(origin() + good)).keyId("k").create(), Rejection.WRONG_ISSUER,
                true));
        a.add(new Attack("no iss at all", () -> discovering(origin() + good), () -> KEYS.token().keyId("k").create(),
                Rejection.WRONG_ISSUER, true));
        // Metadata pointing elsewhere.
        a.add(new Attack("metadata naming another issuer", () -> discovering(origin() + "/spoofed"),
                () -> tokenOf(origin() + "/spoofed"), Rejection.KEYS_UNAVAILABLE, false));
        a.add(new Attack("metadata with a file: jwks_uri", () -> discovering(origin() + "/file"),
                () -> tokenOf(origin() + "/file"), Rejection.KEYS_UNAVAILABLE, false));
        a.add(new Attack("metadata larger than the cap", () -> discovering(origin() + "/huge"),
                () -> tokenOf(origin() + "/huge"), Rejection.KEYS_UNAVAILABLE, false));
        a.add(new Attack("metadata trickled past the timeout", () -> discovering(origin() + "/slow"),
                () -> tokenOf(origin() + "/slow"), Rejection.KEYS_UNAVAILABLE, false));
        // Introspection answers.
        for (Object[] c : new Object[][] {
                {"an introspection answer larger than the cap", 200, "application/json",
                        "{\"active\":true,\"pad\":\"" + "x".repeat(10_000) + "\"}", 0L,
                        Rejection.INTROSPECTION_UNAVAILABLE},
                {"an introspection answer trickled past the timeout", 200, "application/json", "{\"active\":true}",
                        2_000L, Rejection.INTROSPECTION_UNAVAILABLE},
                {"active as a string", 200, "application/json", "{\"active\":\"true\"}", 0L,
                        Rejection.INTROSPECTION_MALFORMED},
                {"active twice, true then false", 200, "application/json", "{\"active\":true,\"active\":false}", 0L,
                        Rejection.INTROSPECTION_MALFORMED},
                {"an HTML page with status 200", 200, "text/html", "<html>active</html>", 0L,
                        Rejection.INTROSPECTION_MALFORMED},
                {"JSON after JSON", 200, "application/json", "{\"active\":false}{\"active\":true}", 0L,
                        Rejection.INTROSPECTION_MALFORMED},
                {"an error status with an active body", 500, "application/json", "{\"active\":true}", 0L,
                        Rejection.INTROSPECTION_REFUSED},
                {"active but expired", 200, "application/json", "{\"active\":true,\"exp\":1000}", 0L,
                        Rejection.EXPIRED}}) {
            a.add(new Attack((String) c[0], () -> {
                serve("/introspect", (int) c[1], (String) c[2], (String) c[3], (long) c[4]);
                return introspecting();
            }, () -> "opaque-token", (Rejection) c[5], false));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyAttackIsRefused(Attack attack) {
        String good = origin() + "/good";
        serve("/good/.well-known/openid-configuration", 200, "application/json",
                "{\"issuer\":\"" + good + "\",\"jwks_uri\":\"" + origin() + "/good/certs\"}", 0);
        serve("/good/certs", 200, "application/json", JwksData.of(KEYS.toJwk("k")).toJson(), 0);
        serve("/spoofed/.well-known/openid-configuration", 200, "application/json",
                "{\"issuer\":\"" + good + "\",\"jwks_uri\":\"" + origin() + "/good/certs\"}", 0);
        serve("/file/.well-known/openid-configuration", 200, "application/json",
                "{\"issuer\":\"" + origin() + "/file\",\"jwks_uri\":\"file:///etc/passwd\"}", 0);
        serve("/huge/.well-known/openid-configuration", 200, "application/json",
                "{\"issuer\":\"" + origin() + "/huge\",\"pad\":\"" + "x".repeat(300_000) + "\"}", 0);
        serve("/slow/.well-known/openid-configuration", 200, "application/json",
                "{\"issuer\":\"" + origin() + "/slow\",\"jwks_uri\":\"" + origin() + "/good/certs\"}", 2_000);
        TokenVerifier verifier = attack.verifier().get();
        String token = attack.token().get();
        REQUESTED.clear();
        Verification v = verifier.verify(token);
        assertEquals(attack.refusal(), v.rejection(), attack.name() + ": " + v);
        assertFalse(v.isAccepted());
        if (attack.noRequests()) {
            assertEquals(List.of(), REQUESTED, attack.name() + ": no request for an issuer not configured");
        }
        if (attack.name().startsWith("metadata")) {
            assertFalse(REQUESTED.contains("/good/certs"), attack.name() + ": the key set it names is not fetched");
        }
    }
}
