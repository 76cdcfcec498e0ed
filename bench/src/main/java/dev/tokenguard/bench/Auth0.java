package dev.tokenguard.bench;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import java.util.concurrent.TimeUnit;
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

/** auth0 java-jwt 4.5.0, key given directly. It has no PS256 and no EdDSA. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class Auth0 {

    @Param({"RS256", "ES256", "HS256"})
    public String alg;

    private JWTVerifier verifier;
    private String token;

    @Setup
    public void setup() {
        Fixtures f = Fixtures.of(alg);
        verifier = Verifiers.auth0(f);
        token = f.token;
        verify();
    }

    @Benchmark
    public DecodedJWT verify() {
        DecodedJWT jwt = verifier.verify(token);
        jwt.getClaims(); // every claim, as the others parse them
        return jwt;
    }
}
