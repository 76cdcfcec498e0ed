package dev.tokenguard.bench;

import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** jose4j 0.9.6 alone: one JwtConsumer, key chosen by kid from the JWK Set. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class Jose4j {

    @Param({"RS256", "PS256", "ES256", "HS256", "EdDSA"})
    public String alg;

    @Param({"1", "50"})
    public int keys;

    private JwtConsumer consumer;
    private String token;

    @Setup
    public void setup() throws Exception {
        Fixtures f = Fixtures.of(alg);
        consumer = Verifiers.jose4j(f, keys);
        token = f.token;
        verify();
    }

    @Benchmark
    public JwtClaims verify() throws Exception {
        return consumer.processToClaims(token);
    }
}
