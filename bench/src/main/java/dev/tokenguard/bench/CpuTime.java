package dev.tokenguard.bench;

import dev.tokenguard.jwt.JwtVerifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A development aid, not the benchmark: CPU time per verification of the calling thread (ThreadMXBean), which
 * another process on the machine slows far less than it slows wall-clock throughput. Used for quick A/B checks
 * of hot-path changes while the shared machine was busy; BENCHMARKS.md's numbers all come from JMH.
 *
 * <p>{@code java -cp benchmarks.jar dev.tokenguard.bench.CpuTime [alg,...] [seconds per implementation]}
 * (GC work done by GC threads is not counted.)
 */
public final class CpuTime {

    public static void main(String[] args) throws Exception {
        List<String> algs = args.length > 0 ? Arrays.asList(args[0].split(",")) : List.of("RS256", "HS256");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String alg : algs) {
            Fixtures f = Fixtures.of(alg);
            Map<String, Callable<Object>> impls = new LinkedHashMap<>();
            impls.put("jca-floor", jca(f));
            if (alg.equals("RS256")) {
                impls.put("jca-fresh-instance", () -> {
                    java.security.Signature sig = java.security.Signature.getInstance("SHA256withRSA");
                    sig.initVerify((java.security.PublicKey) f.key);
                    sig.update(f.signingInput);
                    return sig.verify(f.signature);
                });
            }
            JwtVerifier tg1 = Verifiers.tokenGuard(f, 1, 0, null);
            JwtVerifier tg50 = Verifiers.tokenGuard(f, 50, 0, null);
            impls.put("tokenguard-first-1", () -> tg1.verify(f.token).accessToken());
            impls.put("tokenguard-first-50", () -> tg50.verify(f.token).accessToken());
            var jose = Verifiers.jose4j(f, 1);
            impls.put("jose4j-1", () -> jose.processToClaims(f.token));
            if (!alg.equals("EdDSA")) {
                var nimbus = Verifiers.nimbus(f, 1);
                impls.put("nimbus-1", () -> nimbus.process(f.token, null));
            }
            if (List.of("RS256", "ES256", "HS256").contains(alg)) {
                var auth0 = Verifiers.auth0(f);
                impls.put("auth0", () -> {
                    var d = auth0.verify(f.token);
                    d.getClaims();
                    return d;
                });
            }
            var smallRye = Verifiers.smallRye(f);
            impls.put("smallrye", () -> smallRye.parse(f.token));
            for (int pass = 0; pass < 2; pass++) { // pass 0 warms up everything first
                for (Map.Entry<String, Callable<Object>> e : impls.entrySet()) {
                    List<Double> perOp = new ArrayList<>();
                    long end = System.nanoTime() + (long) (seconds * 1e9 / (pass == 0 ? 2 : 1));
                    Object sink = null;
                    while (System.nanoTime() < end) {
                        long cpu0 = mx.getCurrentThreadCpuTime();
                        int n = 0;
                        while (mx.getCurrentThreadCpuTime() - cpu0 < 50_000_000L) { // 50 ms of CPU
                            for (int i = 0; i < 50; i++) {
                                sink = e.getValue().call();
                            }
                            n += 50;
                        }
                        perOp.add((mx.getCurrentThreadCpuTime() - cpu0) / (double) n);
                    }
                    if (sink == null) {
                        throw new IllegalStateException(e.getKey() + " returned null");
                    }
                    if (pass == 1) {
                        perOp.sort(null);
                        System.out.printf(Locale.ROOT, "%-6s %-22s %10.0f ns/op CPU (median of %d, min %.0f)%n", alg,
                                e.getKey(), perOp.get(perOp.size() / 2), perOp.size(), perOp.get(0));
                    }
                }
            }
        }
    }

    private static Callable<Object> jca(Fixtures f) {
        JcaFloor floor = new JcaFloor();
        floor.alg = f.algorithm;
        try {
            floor.setup();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return floor::verify;
    }
}
