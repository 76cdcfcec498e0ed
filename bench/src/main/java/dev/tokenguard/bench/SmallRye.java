package dev.tokenguard.bench;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
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

/** SmallRye JWT 4.6.3's parser alone (DefaultJWTParser), key given directly. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class SmallRye {

    @Param({"RS256", "PS256", "ES256", "HS256", "EdDSA"})
    public String alg;

    private DefaultJWTParser parser;
    private String token;

    @Setup
    public void setup() throws Exception {
        Fixtures f = Fixtures.of(alg);
        parser = Verifiers.smallRye(f);
        token = f.token;
        verify();
    }

    @Benchmark
    public JsonWebToken verify() throws Exception {
        return parser.parse(token);
    }
}
