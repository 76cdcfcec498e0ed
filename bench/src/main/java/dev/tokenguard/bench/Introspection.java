package dev.tokenguard.bench;

import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.AccessToken;
import dev.tokenguard.introspection.IntrospectionVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 7662 introspection of one opaque token against an endpoint on loopback (the JDK's HTTP server answering a
 * Keycloak-sized JSON at once, Nagle off), with the cache off (the default: every verification asks) and on (60 s). The time
 * per verification is the latency introspection adds to a request; {@code endpointCalls} per
 * {@code verifications} gives the calls per 1,000 verifications.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class Introspection {

    private static final String ANSWER = "{\"active\":true,\"exp\":4102444800,\"iat\":1764672000,\"jti\":\"6f1c\","
            + "\"iss\":\"https://idp.example.com/realms/demo\",\"aud\":\"notes-api\",\"sub\":\"3b2e9c1d\","
            + "\"typ\":\"Bearer\",\"azp\":\"notes-client\",\"scope\":\"read admin\",\"client_id\":\"notes-client\","
            + "\"username\":\"service-account-notes-client\",\"token_type\":\"Bearer\"}";

    @Param({"off", "60s"})
    public String cache;

    private HttpServer server;
    private final AtomicLong calls = new AtomicLong();
    private IntrospectionVerifier verifier;

    /** Events JMH sums over the measurement: endpoint calls and verifications. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long endpointCalls;
        public long verifications;

        @Setup(Level.Iteration)
        public void clean() {
            endpointCalls = 0;
            verifications = 0;
        }
    }

    @Setup
    public void setup() throws IOException {
        // The JDK's server leaves Nagle's algorithm on by default: with the client's delayed ACK every answer then
        // waits ~40 ms (measured: 47 ms per verification). An authorization server answers at once.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        server.createContext("/introspect", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        verifier = IntrospectionVerifier.builder()
                .endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect")
                .clientSecretBasic("notes-api", "secret")
                .cacheTtl(cache.equals("off") ? Duration.ZERO : Duration.ofSeconds(60))
                .build();
        if (!verifier.verify("opaque-token-0123456789").isAccepted()) {
            throw new IllegalStateException("the benchmark's token is refused");
        }
    }

    @TearDown
    public void stop() {
        server.stop(0);
    }

    @Benchmark
    public AccessToken verify(Counts counts) {
        long before = calls.get();
        AccessToken token = verifier.verify("opaque-token-0123456789").accessToken();
        counts.endpointCalls += calls.get() - before;
        counts.verifications++;
        return token;
    }
}
