package dev.tokenguard.bench;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.jca.ProviderContext;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
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
 * Diagnostics, not part of the comparison (run.sh leaves it out): the pieces a JWT verifier is made of, timed
 * alone, to see where the time between the JCA floor and a full verification goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class Breakdown {

    @Param({"RS256"})
    public String alg;

    private Fixtures f;
    private String headerJson;
    private String payloadJson;
    private String payloadPart;
    private JsonWebSignatureAlgorithm jose;
    private final ProviderContext providers = new ProviderContext();

    @Setup
    public void setup() throws Exception {
        f = Fixtures.of(alg);
        String[] parts = f.token.split("\\.");
        headerJson = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        payloadJson = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        payloadPart = parts[1];
        jose = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory().getAlgorithm(alg);
    }

    /** jose4j's JSON parser (TokenGuard parses header and payload with it). */
    @Benchmark
    public Map<String, Object> jsonPayload() throws Exception {
        return JsonUtil.parseJson(payloadJson);
    }

    @Benchmark
    public Map<String, Object> jsonHeader() throws Exception {
        return JsonUtil.parseJson(headerJson);
    }

    @Benchmark
    public byte[] base64Payload() {
        return Base64.getUrlDecoder().decode(payloadPart);
    }

    /** Signature.getInstance by name, as jose4j does for every verification. */
    @Benchmark
    public Signature signatureGetInstance() throws Exception {
        Signature s = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSA");
        return s;
    }

    /** jose4j's signature check alone (getInstance, initVerify, update, verify). */
    @Benchmark
    public boolean jose4jSignature() throws Exception {
        return jose.verifySignature(f.signature, f.key, f.signingInput, providers);
    }

    /** A fresh Signature per call, then the check: the JCA floor plus getInstance. */
    @Benchmark
    public boolean jcaFreshSignature() throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify((PublicKey) f.key);
        s.update(f.signingInput);
        return s.verify(f.signature);
    }
}
