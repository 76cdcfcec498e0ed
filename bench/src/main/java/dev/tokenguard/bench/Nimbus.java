package dev.tokenguard.bench;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
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
 * Nimbus JOSE+JWT 10.10 (Spring Security's resource server): DefaultJWTProcessor, JWSVerificationKeySelector over
 * an ImmutableJWKSet. No EdDSA: Nimbus verifies Ed25519 only through Google Tink, outside its JWT processor's
 * verifier factory (and Spring Security's NimbusJwtDecoder has no EdDSA either).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class Nimbus {

    @Param({"RS256", "PS256", "ES256", "HS256"})
    public String alg;

    @Param({"1", "50"})
    public int keys;

    private ConfigurableJWTProcessor<SecurityContext> processor;
    private String token;

    @Setup
    public void setup() throws Exception {
        Fixtures f = Fixtures.of(alg);
        processor = Verifiers.nimbus(f, keys);
        token = f.token;
        verify();
    }

    @Benchmark
    public JWTClaimsSet verify() throws Exception {
        return processor.process(token, null);
    }
}
