package dev.tokenguard.bench;

import dev.tokenguard.AccessToken;
import dev.tokenguard.jwt.JwtVerifier;
import java.time.Duration;
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
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TokenGuard with the cache ON, on tokens that always miss: each benchmark thread cycles through its own pool of
 * 2,048 distinct tokens (same header and claims, different {@code jti}), and the cache TTL is 1 ms, so by the
 * time a token comes round again its entry has expired. Every call pays the whole pipeline plus the cache's
 * own work on a miss: SHA-256 of the token, lookup, removal of the expired entry, store. Compare with
 * {@link TokenGuardFirstSeen} (cache off) for the cost of the cache on a miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class TokenGuardCacheMiss {

    @Param({"RS256", "PS256", "ES256", "HS256", "EdDSA"})
    public String alg;

    @Param({"1", "50"})
    public int keys;

    JwtVerifier verifier;
    Fixtures fixtures;

    @Setup
    public void setup() {
        fixtures = Fixtures.of(alg);
        verifier = Verifiers.tokenGuard(fixtures, keys, 10_000, Duration.ofMillis(1));
    }

    /** Each thread's own tokens and position. */
    @State(Scope.Thread)
    public static class Pool {
        String[] tokens;
        int next;

        @Setup
        public void setup(TokenGuardCacheMiss bench, ThreadParams thread) {
            tokens = bench.fixtures.pool(thread.getThreadIndex());
            for (String t : tokens) {
                Verifiers.requireAccepted(bench.verifier.verify(t));
            }
        }
    }

    @Benchmark
    public AccessToken verify(Pool pool) {
        String token = pool.tokens[pool.next];
        pool.next = (pool.next + 1) % pool.tokens.length;
        return verifier.verify(token).accessToken();
    }
}
