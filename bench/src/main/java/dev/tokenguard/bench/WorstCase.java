package dev.tokenguard.bench;

import com.sun.net.httpserver.HttpServer;
import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.jwt.JwtVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The most expensive tokens an attacker can send, next to one valid RS256 verification (BENCHMARKS.md, "Worst
 * case"). The header is parsed before the signature is checked, so whatever it holds must cost no more than about
 * one RS256 verification.
 *
 * <p>The verifier is configured as a deployment would be: RS256 and ES256 allowed, the 50-key RSA JWK Set of the
 * RS256 fixtures fetched from a {@code jwksUri} (served on loopback by this benchmark), issuer and audience checked,
 * the size cap at its default of 16 KiB. The hostile tokens go through the default verified-token cache (on; a
 * refused token is never cached, so each call also pays the SHA-256 of the whole token for the lookup); the valid
 * token goes through the same configuration with the cache off, as in {@link TokenGuardFirstSeen}, so that it pays
 * the whole verification every time.
 *
 * <p>Every hostile token fills the size cap (16,384 characters; the header takes what the payload and a 256-byte
 * signature leave: 11,794 bytes of JSON), each in its own way, and {@link #setup} checks that each is refused
 * for the reason it is built for (and that the valid one is accepted) before anything is measured. Those refused at
 * the key (unknown kid) or at the number bound cost the header alone; those with a real kid and a forged signature
 * cost the header plus one RSA signature check over 16 KiB; {@code valid-rs256-16k}, a valid token of that size (a
 * padding string in its header), is what such a check costs a legitimate caller.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class WorstCase {

    /** The size cap the verifier has by default ({@code JwtVerifier.Builder#maxTokenSize}). */
    static final int CAP = 16 * 1024;

    @Param({
        // the reference: a valid RS256 token, the whole verification (cache off); and one as large as the cap
        "valid-rs256", "valid-rs256-16k",
        // a real kid and a forged signature: one RSA check, at the usual size and at the cap
        "forged-signature", "forged-signature-16k",
        // refused as malformed once the header holds more than 64 values (PlainValues.MAX_HEADER_VALUES)
        "doubles-100", "doubles-50", "integers-19", "nested-32", "empty-objects", "tiny-members",
        "colliding-members",
        // within the value bound, refused at the key after the whole header is parsed (kid not in the set;
        // huge-integer: at the number bound)
        "doubles-capped", "colliding-capped", "huge-integer", "unicode-escapes", "unknown-kid-50", "no-kid-50",
        // the costliest header within the bounds, a real kid and a forged signature: the most expensive token
        "worst"})
    public String kind;

    private HttpServer jwksServer;
    private JwtVerifier verifier;
    private String token;

    @Setup
    public void setup() throws IOException {
        Fixtures f = Fixtures.of("RS256");
        jwksServer = jwksServer(f.jwks50);
        String uri = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json";
        verifier = deployed(uri, kind.startsWith("valid-") ? 0 : 10_000);
        token = token(kind, f);
        Verification v = verifier.verify(token);
        Rejection expected = expectedRefusal(kind);
        if (expected == null) {
            Verifiers.requireAccepted(v);
        } else if (v.isAccepted() || v.rejection() != expected) {
            throw new IllegalStateException("worst case " + kind + ": expected a refusal as " + expected.code()
                    + ", got " + v);
        }
        if (token.length() > CAP || (!kind.equals("valid-rs256") && !kind.equals("forged-signature")
                && token.length() < CAP - 3)) {
            throw new IllegalStateException("worst case " + kind + ": " + token.length() + " characters, not at the"
                    + " cap of " + CAP);
        }
        // twice more, so that an unknown kid's (rate-limited) key-set refresh is behind us, and to be sure
        for (int i = 0; i < 2; i++) {
            if (verifier.verify(token).isAccepted() != (expected == null)) {
                throw new IllegalStateException("worst case " + kind + ": a different outcome the second time");
            }
        }
    }

    @TearDown
    public void tearDown() {
        jwksServer.stop(0);
    }

    @Benchmark
    public Verification verify() {
        return verifier.verify(token);
    }

    /** The verifier under test: a deployment's configuration; {@code cacheSize} 0 turns the cache off. */
    static JwtVerifier deployed(String jwksUri, int cacheSize) {
        return JwtVerifier.builder()
                .jwksUri(jwksUri)
                .algorithm("RS256", "ES256")
                .issuer(Fixtures.ISSUER)
                .audience(Fixtures.AUDIENCE)
                .verifiedTokenCacheSize(cacheSize)
                .build();
    }

    /** The JWK Set on loopback, as the issuer would publish it. */
    static HttpServer jwksServer(String jwks) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** null: accepted. */
    static Rejection expectedRefusal(String kind) {
        return switch (kind) {
            case "valid-rs256", "valid-rs256-16k" -> null;
            case "forged-signature", "forged-signature-16k", "worst" -> Rejection.BAD_SIGNATURE;
            case "huge-integer", "doubles-100", "doubles-50", "integers-19", "nested-32", "empty-objects",
                 "tiny-members", "colliding-members" -> Rejection.MALFORMED;
            default -> Rejection.UNKNOWN_KEY;
        };
    }

    /** A kid that no key of the set has. */
    private static final String UNKNOWN = "\"alg\":\"RS256\",\"kid\":\"key-50\"";
    private static final String KNOWN = "\"alg\":\"RS256\",\"kid\":\"" + Fixtures.KID + "\"";

    static String token(String kind, Fixtures f) {
        String valid = f.token;
        int dot1 = valid.indexOf('.');
        int dot2 = valid.lastIndexOf('.');
        String payload = valid.substring(dot1 + 1, dot2);
        if (kind.equals("valid-rs256")) {
            return valid;
        }
        if (kind.equals("valid-rs256-16k")) {
            return f.token16k;
        }
        if (kind.equals("forged-signature")) {
            byte[] sig = Base64.getUrlDecoder().decode(valid.substring(dot2 + 1));
            sig[sig.length / 2] ^= 1;
            return valid.substring(0, dot2 + 1) + b64(sig);
        }
        // A signature of the right length (2048 bits) and below the modulus, so that RSA does the whole check.
        byte[] sig = new byte[256];
        new Random(42).nextBytes(sig);
        sig[0] &= 0x7f;
        String signature = b64(sig);
        int headerChars = CAP - payload.length() - signature.length() - 2;
        int json = headerChars / 4 * 3 + Math.max(0, headerChars % 4 - 1); // longest JSON that encodes within it
        String header = switch (kind) {
            case "forged-signature-16k" -> fill(json, "{" + KNOWN + ",\"pad\":\"", "", i -> "a", "\"}");
            // 19-digit integers within a long: the BigInteger path
            case "integers-19" -> fill(json, "{" + UNKNOWN + ",\"n\":[", ",", i -> "10" + digits(i, 17), "]}");
            // one integer as long as the cap allows (~12,000 digits): scanned, then refused as out of range
            case "huge-integer" -> fill(json, "{" + UNKNOWN + ",\"n\":", "", i -> i == 0 ? "1" : "7", "}");
            // arrays 32 deep (the most allowed: the innermost at depth 32), over and over
            case "nested-32" -> fill(json, "{" + UNKNOWN + ",\"n\":[", ",", i -> "[".repeat(31) + "]".repeat(31),
                    "]}");
            case "empty-objects" -> fill(json, "{" + UNKNOWN + ",\"n\":[", ",", i -> "{}", "]}");
            case "tiny-members" -> fill(json, "{" + UNKNOWN + ",", ",", i -> "\"" + Integer.toString(i, 36) + "\":0",
                    "}");
            // member names with one String.hashCode ("Aa" and "BB" collide): every one in one HashMap bin
            case "colliding-members" -> fill(json, "{" + UNKNOWN + ",", ",", i -> "\"" + colliding(i) + "\":0", "}");
            case "unicode-escapes" -> fill(json, "{" + UNKNOWN + ",\"s\":\"", "", i -> "\\u00e9", "\"}");
            case "unknown-kid-50" -> fill(json, "{\"alg\":\"RS256\",\"kid\":\"", "", i -> "k", "\"}");
            case "no-kid-50" -> fill(json, "{\"alg\":\"RS256\",\"pad\":\"", "", i -> "a", "\"}");
            // 60 of the costliest numbers and 60 colliding names: within the 64-value bound
            case "doubles-capped" -> capped(json, "{" + UNKNOWN + ",\"n\":[", ",", 60, i -> hardDouble(100), "]}");
            case "colliding-capped" -> capped(json, "{" + UNKNOWN + ",", ",", 60, i -> "\"" + colliding(i) + "\":0",
                    "}");
            // a real kid, 60 costly numbers, and the rest of the header one string of escapes; forged signature
            case "worst" -> fill(json, "{" + KNOWN + ",\"n\":[" + String.join(",",
                    java.util.Collections.nCopies(60, hardDouble(100))) + "],\"s\":\"", "", i -> "\\u00e9", "\"}");
            default -> {
                // doubles-<length>: decimal numbers near the bottom of the double range with every digit
                // significant; each costs Double.parseDouble a big-integer correction loop (2-3 µs at 100 chars,
                // the most allowed). Per byte, 50-char ones cost most (measured: -p kind=doubles-40,...,doubles-100)
                if (kind.matches("doubles-\\d+")) {
                    yield fill(json, "{" + UNKNOWN + ",\"n\":[", ",",
                            i -> hardDouble(Integer.parseInt(kind.substring("doubles-".length()))), "]}");
                }
                throw new IllegalArgumentException("unknown worst case " + kind);
            }
        };
        return b64(header.getBytes(StandardCharsets.UTF_8)) + "." + payload + "." + signature;
    }

    /**
     * {@code prefix}, then units separated by {@code separator} while they fit, then blanks (allowed between JSON
     * tokens) and {@code suffix}: exactly {@code size} bytes.
     */
    static String fill(int size, String prefix, String separator, IntFunction<String> unit, String suffix) {
        StringBuilder b = new StringBuilder(size).append(prefix);
        for (int i = 0; ; i++) {
            String next = unit.apply(i);
            String u = (i == 0 ? "" : separator) + next;
            if (next == null || b.length() + u.length() + suffix.length() > size) {
                break;
            }
            b.append(u);
        }
        b.append(" ".repeat(size - b.length() - suffix.length()));
        return b.append(suffix).toString();
    }

    /** As {@link #fill}, with at most {@code units} units. */
    static String capped(int size, String prefix, String separator, int units, IntFunction<String> unit,
                         String suffix) {
        return fill(size, prefix, separator, i -> i < units ? unit.apply(i) : null, suffix);
    }

    /**
     * 1.999…9e-305, {@code length} chars: finite, so accepted, and among the slowest for Double.parseDouble (the
     * exponents from about -340 to -302 are, with many digits; measured against other digits, exponents and lengths).
     */
    static String hardDouble(int length) {
        return "1." + "9".repeat(length - 7) + "e-305";
    }

    static String digits(int seed, int n) {
        StringBuilder b = new StringBuilder(n);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** The i-th of 2^11 distinct 22-char names with the same String.hashCode. */
    static String colliding(int i) {
        StringBuilder b = new StringBuilder(22);
        for (int k = 0; k < 11; k++) {
            b.append((i >> k & 1) == 0 ? "Aa" : "BB");
        }
        return b.toString();
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
