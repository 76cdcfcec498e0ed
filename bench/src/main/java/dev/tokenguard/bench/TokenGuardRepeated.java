package dev.tokenguard.bench;

import dev.tokenguard.AccessToken;
import dev.tokenguard.jwt.JwtVerifier;
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

/**
 * TokenGuard on a token it has verified before, with the default verified-token cache (10,000 entries, 5 min):
 * SHA-256 of the token, a map lookup, and the time rules, which apply on every hit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class TokenGuardRepeated {

    @Param({"RS256", "PS256", "ES256", "HS256", "EdDSA"})
    public String alg;

    @Param({"1", "50"})
    public int keys;

    private JwtVerifier verifier;
    private String token;

    @Setup
    public void setup() {
        Fixtures f = Fixtures.of(alg);
        verifier = Verifiers.tokenGuard(f, keys, 10_000, null);
        token = f.token;
        Verifiers.requireAccepted(verifier.verify(token));
    }

    @Benchmark
    public AccessToken verify() {
        return verifier.verify(token).accessToken();
    }
}
