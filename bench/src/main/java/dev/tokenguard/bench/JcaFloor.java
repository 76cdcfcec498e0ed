package dev.tokenguard.bench;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
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
 * The floor: the JDK's own signature check of the token's signing input, with nothing else — no base64, no
 * JSON, no claims. Each invocation does what any verifier must do per token: {@code initVerify} with the key,
 * {@code update}, {@code verify} (HS256: {@code init}, {@code doFinal}, constant-time compare). The
 * {@link Signature}/{@link Mac} object is created once per thread and reused. ES256 uses the JDK's
 * {@code SHA256withECDSAinP1363Format}, which takes the JWS R||S form directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class JcaFloor {

    @Param({"RS256", "PS256", "ES256", "HS256", "EdDSA"})
    public String alg;

    private Fixtures f;
    private Signature signature;
    private Mac mac;
    private PSSParameterSpec pss;

    @Setup
    public void setup() throws Exception {
        f = Fixtures.of(alg);
        switch (alg) {
            case "RS256" -> signature = Signature.getInstance("SHA256withRSA");
            case "PS256" -> {
                signature = Signature.getInstance("RSASSA-PSS");
                pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            }
            case "ES256" -> signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            case "EdDSA" -> signature = Signature.getInstance("Ed25519");
            case "HS256" -> mac = Mac.getInstance("HmacSHA256");
            default -> throw new IllegalArgumentException(alg);
        }
        if (!verify()) {
            throw new IllegalStateException("the JCA check refuses the " + alg + " token");
        }
    }

    @Benchmark
    public boolean verify() throws Exception {
        if (mac != null) {
            mac.init(f.key);
            return MessageDigest.isEqual(mac.doFinal(f.signingInput), f.signature);
        }
        signature.initVerify((PublicKey) f.key);
        if (pss != null) {
            signature.setParameter(pss);
        }
        signature.update(f.signingInput);
        return signature.verify(f.signature);
    }
}
