package dev.tokenguard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jose4j.json.JsonUtil;

/**
 * Turns the JMH JSON results (results/jmh-t1.json, results/jmh-t2.json, results/jmh-worstcase.json) and the
 * end-to-end results (results/e2e.json) into the tables and charts of BENCHMARKS.md: writes results/tables.md,
 * results/chart.png and results/e2e.png, and replaces the part of BENCHMARKS.md between the GENERATED markers.
 *
 * <p>Usage: {@code java -Djava.awt.headless=true -cp benchmarks.jar dev.tokenguard.bench.Report <results dir>
 * <BENCHMARKS.md>}
 */
public final class Report {

    static final String BEGIN = "<!-- BEGIN GENERATED RESULTS (bench/run.sh; do not edit by hand) -->";
    static final String END = "<!-- END GENERATED RESULTS -->";
    static final List<String> ALGS = Fixtures.ALGORITHMS;

    /** One implementation row: benchmark class, key-set size (0: key given directly), label. */
    record Row(String bench, int keys, String label) {
    }

    static final List<Row> ROWS = List.of(
            new Row("JcaFloor", 0, "JCA signature check (floor)"),
            new Row("TokenGuardFirstSeen", 1, "**TokenGuard first-seen**, 1 key"),
            new Row("TokenGuardFirstSeen", 50, "**TokenGuard first-seen**, 50 keys"),
            new Row("TokenGuardCacheMiss", 1, "TokenGuard cache miss, 1 key"),
            new Row("TokenGuardCacheMiss", 50, "TokenGuard cache miss, 50 keys"),
            new Row("TokenGuardRepeated", 1, "**TokenGuard repeated** (cache hit), 1 key"),
            new Row("TokenGuardRepeated", 50, "**TokenGuard repeated** (cache hit), 50 keys"),
            new Row("SmallRye", 0, "SmallRye JWT 4.6.3 parser (key given)"),
            new Row("Jose4j", 1, "jose4j 0.9.6, 1 key"),
            new Row("Jose4j", 50, "jose4j 0.9.6, 50 keys"),
            new Row("Nimbus", 1, "Nimbus JOSE+JWT 10.10, 1 key"),
            new Row("Nimbus", 50, "Nimbus JOSE+JWT 10.10, 50 keys"),
            new Row("Auth0", 0, "auth0 java-jwt 4.5.0 (key given)"));

    static final List<String> PEERS = List.of("SmallRye", "Jose4j", "Nimbus", "Auth0");

    record Score(double score, double error, double allocBytes) {
    }

    /** threads -> "bench|alg|keys" -> score. */
    final Map<Integer, Map<String, Score>> scores = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "results");
        Path doc = Path.of(args.length > 1 ? args[1] : "../BENCHMARKS.md");
        Report r = new Report();
        for (int t : List.of(1, 2)) {
            Path json = dir.resolve("jmh-t" + t + ".json");
            if (Files.exists(json)) {
                r.load(t, json);
            }
        }
        StringBuilder md = new StringBuilder();
        Path env = dir.resolve("environment.md");
        if (Files.exists(env)) {
            md.append(Files.readString(env).strip()).append("\n\n");
        }
        md.append(r.tables());
        md.append(r.targets());
        Path worst = dir.resolve("jmh-worstcase.json");
        if (Files.exists(worst)) {
            Path worstEnv = dir.resolve("worstcase-environment.md");
            md.append(worstCase(Files.readString(worst),
                    Files.exists(worstEnv) ? Files.readString(worstEnv).strip() : ""));
        }
        Path introspection = dir.resolve("jmh-introspection.json");
        if (Files.exists(introspection)) {
            Path env2 = dir.resolve("introspection-environment.md");
            md.append(introspection(Files.readString(introspection),
                    Files.exists(env2) ? Files.readString(env2).strip() : ""));
        }
        Path before = dir.resolve("jmh-before-t1.json");
        if (Files.exists(before) && r.scores.containsKey(1)) {
            Report old = new Report();
            old.load(1, before);
            md.append(r.beforeAfter(old));
        }
        r.chart(dir.resolve("chart.png"));
        md.append("![JMH results: ops/s per implementation and algorithm, log scale](bench/results/chart.png)\n\n");
        Path e2e = dir.resolve("e2e.json");
        if (Files.exists(e2e)) {
            md.append(endToEnd(Files.readString(e2e), dir.resolve("e2e.png")));
            md.append("![End-to-end requests/s, median of the rounds](bench/results/e2e.png)\n\n");
        }
        Files.writeString(dir.resolve("tables.md"), md.toString());
        if (Files.exists(doc)) {
            String text = Files.readString(doc);
            int b = text.indexOf(BEGIN);
            int e = text.indexOf(END);
            if (b >= 0 && e > b) {
                Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n\n" + md + text.substring(e));
                System.out.println("updated " + doc);
            }
        }
        System.out.println("wrote " + dir.resolve("tables.md") + ", chart.png" + (Files.exists(e2e) ? ", e2e.png" : ""));
    }

    @SuppressWarnings("unchecked")
    void load(int threads, Path json) throws Exception {
        List<Object> list = (List<Object>) JsonUtil.parseJson("{\"r\":" + Files.readString(json) + "}").get("r");
        Map<String, Score> byKey = scores.computeIfAbsent(threads, k -> new LinkedHashMap<>());
        for (Object o : list) {
            Map<String, Object> m = (Map<String, Object>) o;
            String bench = ((String) m.get("benchmark")).replaceAll(".*\\.bench\\.(\\w+)\\.verify", "$1");
            Map<String, Object> params = (Map<String, Object>) m.getOrDefault("params", Map.of());
            String alg = (String) params.get("alg");
            int keys = params.containsKey("keys") ? Integer.parseInt((String) params.get("keys")) : 0;
            Map<String, Object> pm = (Map<String, Object>) m.get("primaryMetric");
            double alloc = Double.NaN;
            Map<String, Object> sec = (Map<String, Object>) m.get("secondaryMetrics");
            if (sec != null && sec.get("gc.alloc.rate.norm") instanceof Map<?, ?> a) {
                alloc = num(a.get("score"));
            }
            byKey.put(bench + "|" + alg + "|" + keys, new Score(num(pm.get("score")), num(pm.get("scoreError")), alloc));
        }
    }

    static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN; // JMH writes "NaN" as a string when there is one sample
    }

    Score get(int threads, String bench, String alg, int keys) {
        Map<String, Score> m = scores.get(threads);
        return m == null ? null : m.get(bench + "|" + alg + "|" + keys);
    }

    String tables() {
        StringBuilder b = new StringBuilder();
        for (int t : scores.keySet()) {
            b.append("### Throughput, ").append(t).append(t == 1 ? " thread" : " threads").append("\n\n");
            b.append("ops/s ± 99.9% error (higher is better) and µs per operation per thread (lower is better)")
                    .append(t > 1 ? "; ops/s is the total of the " + t + " threads" : "").append(".\n\n");
            int threads = t;
            table(b, t, s -> s == null ? "n/a" : cell(s, threads));
        }
        if (scores.containsKey(1) && scores.get(1).values().stream().anyMatch(s -> !Double.isNaN(s.allocBytes()))) {
            b.append("### Allocation per verification (bytes/op, `-prof gc`, 1 thread)\n\n");
            table(b, 1, s -> s == null || Double.isNaN(s.allocBytes()) ? "n/a"
                    : String.format(Locale.ROOT, "%,.0f", s.allocBytes()));
        }
        return b.toString();
    }

    /** One row per implementation, one column per algorithm, each cell what {@code cell} makes of its score. */
    private void table(StringBuilder b, int threads, java.util.function.Function<Score, String> cell) {
        b.append("| implementation |");
        ALGS.forEach(a -> b.append(' ').append(a).append(" |"));
        b.append("\n|---|");
        ALGS.forEach(a -> b.append("---:|"));
        b.append('\n');
        for (Row row : ROWS) {
            b.append("| ").append(row.label()).append(" |");
            for (String alg : ALGS) {
                b.append(' ').append(cell.apply(get(threads, row.bench(), alg, row.keys()))).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    static String cell(Score s, int threads) {
        double us = threads * 1e6 / s.score();
        double usErr = Double.isNaN(s.error()) ? Double.NaN : us * s.error() / s.score();
        return String.format(Locale.ROOT, "%s ± %s<br>%s ± %s µs", grouped(s.score()), grouped(s.error()),
                micros(us), micros(usErr));
    }

    static String grouped(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String micros(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    String targets() {
        StringBuilder b = new StringBuilder("### Targets (ratios within one run)\n\n");
        b.append("| target | threads | key set | measured | ratio | needed | verdict |\n|---|---:|---:|---|---:|---:|---|\n");
        for (int t : scores.keySet()) {
            for (int keys : List.of(1, 50)) {
                for (String alg : List.of("RS256", "PS256", "ES256")) {
                    Score tg = get(t, "TokenGuardFirstSeen", alg, keys);
                    Score jca = get(t, "JcaFloor", alg, 0);
                    if (tg != null && jca != null) {
                        double ratio = tg.score() / jca.score();
                        b.append(row("first-seen " + alg + " within 10% of the JCA check", t, keys,
                                grouped(tg.score()) + " vs " + grouped(jca.score()) + " ops/s", ratio, 0.90,
                                overlap(tg, jca, 0.90)));
                    }
                }
                Score tg = get(t, "TokenGuardFirstSeen", "HS256", keys);
                String bestPeer = null;
                Score best = null;
                for (String peer : PEERS) {
                    for (int k : List.of(0, keys)) {
                        Score s = get(t, peer, "HS256", k);
                        if (s != null && (best == null || s.score() > best.score())) {
                            best = s;
                            bestPeer = peer;
                        }
                    }
                }
                if (tg != null && best != null) {
                    b.append(row("first-seen HS256 at least as fast as the fastest peer (" + bestPeer + ")", t, keys,
                            grouped(tg.score()) + " vs " + grouped(best.score()) + " ops/s", tg.score() / best.score(),
                            1.0, overlap(tg, best, 1.0)));
                }
                Score rep = get(t, "TokenGuardRepeated", "RS256", keys);
                Score first = get(t, "TokenGuardFirstSeen", "RS256", keys);
                if (rep != null && first != null) {
                    b.append(row("repeated token at least 20x first-seen RS256", t, keys,
                            grouped(rep.score()) + " vs " + grouped(first.score()) + " ops/s",
                            rep.score() / first.score(), 20.0, false));
                }
            }
        }
        b.append("\n\"within error\": below the ratio needed, but the two 99.9% confidence intervals overlap at that"
                + " ratio, i.e. the run cannot tell them apart.\n\n");
        return b.toString();
    }

    /** Whether a at the lower edge of its interval and b at the upper edge of its own still... overlap at ratio. */
    static boolean overlap(Score a, Score b, double needed) {
        double aHigh = a.score() + (Double.isNaN(a.error()) ? 0 : a.error());
        double bLow = b.score() - (Double.isNaN(b.error()) ? 0 : b.error());
        return aHigh >= needed * bLow;
    }

    static String row(String target, int threads, int keys, String measured, double ratio, double needed,
                      boolean withinError) {
        String verdict = ratio >= needed ? "**met**" : withinError ? "missed, within error" : "**missed**";
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %s%.2f | %s |%n", target, threads, keys,
                measured, ratio, "≥ ", needed, verdict);
    }

    /** What each worst-case token is (WorstCase.java builds them). */
    static final Map<String, String> WORST_CASES = Map.ofEntries(
            Map.entry("valid-rs256", "**valid RS256 token** (714 chars), the whole verification, cache off: the"
                    + " reference"),
            Map.entry("valid-rs256-16k", "**valid RS256 token of 16 KiB** (a padding string in its header), cache"
                    + " off: what one signature check over the cap costs a legitimate caller"),
            Map.entry("forged-signature", "the valid token with one signature bit flipped: one RSA check"),
            Map.entry("forged-signature-16k", "real kid, an 11.8 KB header string, forged signature: one RSA check"
                    + " over 16 KiB"),
            Map.entry("doubles-100", "116 decimals of 100 chars (`1.99…9e-305`, the longest allowed): over 64 values"),
            Map.entry("doubles-50", "230 decimals of 50 chars (`1.99…9e-305`): over 64 values"),
            Map.entry("integers-19", "587 integers of 19 digits: over 64 values"),
            Map.entry("doubles-capped", "60 decimals of 100 chars (`1.99…9e-305`), within the 64-value bound"),
            Map.entry("colliding-capped", "60 member names with one String.hashCode, within the 64-value bound"),
            Map.entry("huge-integer", "one integer of 11,760 digits (refused at the number bound)"),
            Map.entry("nested-32", "186 arrays nested 32 deep: over 64 values"),
            Map.entry("empty-objects", "an array of 3,919 empty objects: over 64 values"),
            Map.entry("tiny-members", "1,637 tiny distinct members (`\"a1\":0`): over 64 values"),
            Map.entry("colliding-members", "435 member names with one String.hashCode: over 64 values"),
            Map.entry("unicode-escapes", "a string of 1,962 `\\u00e9` escapes"),
            Map.entry("unknown-kid-50", "a kid of 11,770 chars that none of the 50 keys has"),
            Map.entry("no-kid-50", "no kid (50 keys fit RS256), an 11.8 KB padding string"),
            Map.entry("worst", "**the costliest header within the bounds (60 decimals of 100 chars, then a string of"
                    + " `\\u00e9` escapes), real kid, forged signature**"));

    /**
     * The "Introspection" table from results/jmh-introspection.json: the time one verification takes (what
     * introspection adds to a request) and the endpoint calls per 1,000 verifications, cache off and on.
     */
    @SuppressWarnings("unchecked")
    static String introspection(String json, String environment) throws Exception {
        List<Object> list = (List<Object>) JsonUtil.parseJson("{\"r\":" + json + "}").get("r");
        StringBuilder b = new StringBuilder("### Introspection (RFC 7662, 1 thread)\n\n");
        if (!environment.isEmpty()) {
            b.append(environment).append("\n\n");
        }
        b.append("`Introspection`: one opaque token verified by `IntrospectionVerifier` against an endpoint on"
                + " loopback (the JDK's HTTP server, answering a 330-byte Keycloak-style JSON at once), client_secret_basic."
                + " The time per verification is the latency introspection adds to a request; on a network add the"
                + " round trip to the authorization server.\n\n"
                + "| cache | µs per verification ± error | endpoint calls per 1,000 verifications |\n|---|---:|---:|\n");
        for (Object o : list) {
            Map<String, Object> m = (Map<String, Object>) o;
            String cache = (String) ((Map<String, Object>) m.get("params")).get("cache");
            Map<String, Object> pm = (Map<String, Object>) m.get("primaryMetric");
            Map<String, Object> sec = (Map<String, Object>) m.get("secondaryMetrics");
            double calls = num(((Map<String, Object>) sec.get("endpointCalls")).get("score"));
            double verifications = num(((Map<String, Object>) sec.get("verifications")).get("score"));
            b.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %.1f |%n", cache.equals("off")
                    ? "off (default)" : "on, " + cache, num(pm.get("score")), num(pm.get("scoreError")),
                    verifications == 0 ? Double.NaN : 1000 * calls / verifications));
        }
        return b.append('\n').toString();
    }

    /**
     * The "Worst case" table from results/jmh-worstcase.json: each token's throughput, time and cost as a multiple
     * of one valid RS256 verification measured in the same run, and the verdict on the most expensive refused one.
     */
    @SuppressWarnings("unchecked")
    static String worstCase(String json, String environment) throws Exception {
        List<Object> list = (List<Object>) JsonUtil.parseJson("{\"r\":" + json + "}").get("r");
        Map<String, Score> byKind = new LinkedHashMap<>();
        for (Object o : list) {
            Map<String, Object> m = (Map<String, Object>) o;
            String kind = (String) ((Map<String, Object>) m.get("params")).get("kind");
            Map<String, Object> pm = (Map<String, Object>) m.get("primaryMetric");
            double alloc = Double.NaN;
            Map<String, Object> sec = (Map<String, Object>) m.get("secondaryMetrics");
            if (sec != null && sec.get("gc.alloc.rate.norm") instanceof Map<?, ?> a) {
                alloc = num(a.get("score"));
            }
            byKind.put(kind, new Score(num(pm.get("score")), num(pm.get("scoreError")), alloc));
        }
        StringBuilder b = new StringBuilder(
                "### Worst case: the most expensive tokens an attacker can send (1 thread)\n\n");
        if (!environment.isEmpty()) {
            b.append(environment).append("\n\n");
        }
        b.append("`WorstCase`: a verifier configured as deployed (RS256 and ES256 allowed, the 50-key RSA JWK Set"
                + " from a `jwksUri` on loopback, issuer and audience, size cap 16 KiB, verified-token cache at its"
                + " default: on) against hostile tokens that each fill the cap (16,384 chars: an 11,794-byte header,"
                + " the payload of the valid token, a 256-byte signature) and are refused; the valid token through the"
                + " same configuration with the cache off. A header of more than 64 values is refused as malformed"
                + " while it is parsed; unknown-kid tokens after the whole header is parsed; those with the real kid"
                + " after the RSA check too. Cost: µs/op of the token ÷ µs/op of the"
                + " valid RS256 verification (range: the two 99.9% intervals).\n\n");
        b.append("| token | refused as | ops/s ± error | µs/op ± error | B/op | cost (× valid RS256) |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        Score valid = byKind.get("valid-rs256");
        String worstKind = null;
        double worstRatio = 0;
        String worstHeaderKind = null;
        double worstHeaderRatio = 0;
        for (Map.Entry<String, Score> e : byKind.entrySet()) {
            String kind = e.getKey();
            Score s = e.getValue();
            dev.tokenguard.Rejection refusal = WorstCase.expectedRefusal(kind);
            String ratio = "—";
            if (valid != null) {
                double r = valid.score() / s.score();
                double[] range = range(valid, s);
                ratio = String.format(Locale.ROOT, "%.2f", r) + (s == valid ? "" : String.format(Locale.ROOT,
                        " (%.2f–%s)", range[0], Double.isInfinite(range[1]) ? "∞"
                                : String.format(Locale.ROOT, "%.2f", range[1])));
                if (refusal != null && r > worstRatio) {
                    worstRatio = r;
                    worstKind = kind;
                }
                if (refusal != null && refusal != dev.tokenguard.Rejection.BAD_SIGNATURE && r > worstHeaderRatio) {
                    worstHeaderRatio = r;
                    worstHeaderKind = kind;
                }
            }
            double us = 1e6 / s.score();
            double usErr = Double.isNaN(s.error()) ? Double.NaN : us * s.error() / s.score();
            b.append(String.format(Locale.ROOT, "| `%s`: %s | %s | %s ± %s | %s ± %s | %s | %s |%n", kind,
                    WORST_CASES.getOrDefault(kind, kind), refusal == null ? "accepted" : refusal.code(),
                    grouped(s.score()), grouped(s.error()), micros(us), micros(usErr), grouped(s.allocBytes())
                            .replace("?", "n/a"), ratio));
        }
        // The target (issue 11): the header is parsed before the signature is checked, so no header may cost more
        // than about one RS256 verification. A token that gets as far as a signature check costs that check over its
        // own length, which a legitimate token of the same size costs too: it is compared with that one.
        if (worstHeaderKind != null) {
            double[] range = range(valid, byKind.get(worstHeaderKind));
            b.append(String.format(Locale.ROOT, "%nVerdict: refused before any signature check (what the header and"
                    + " the size of a token cost), the most expensive token (`%s`) costs %.2f (%.2f–%.2f) of one"
                    + " valid RS256 verification (target ≤ about 1): %s.%n", worstHeaderKind, worstHeaderRatio,
                    range[0], range[1], worstHeaderRatio <= 1 ? "**met**" : range[0] <= 1 ? "**met within error**"
                            : "**missed**"));
        }
        Score valid16k = byKind.get("valid-rs256-16k");
        if (worstKind != null && valid16k != null) {
            double r = valid16k.score() / byKind.get(worstKind).score();
            double[] range = range(valid16k, byKind.get(worstKind));
            b.append(String.format(Locale.ROOT, "Refused after a signature check, the most expensive token (`%s`)"
                    + " costs %.2f of one valid RS256 verification and %.2f (%.2f–%.2f) of a valid token of the same"
                    + " size (`valid-rs256-16k`).%n", worstKind, worstRatio, r, range[0], range[1]));
        }
        return b.append('\n').toString();
    }

    /** The lowest and highest ratio of {@code reference}'s throughput to {@code s}'s within their error bars. */
    private static double[] range(Score reference, Score s) {
        double re = Double.isNaN(reference.error()) ? 0 : reference.error();
        double se = Double.isNaN(s.error()) ? 0 : s.error();
        return new double[] {(reference.score() - re) / (s.score() + se),
                s.score() > se ? (reference.score() + re) / (s.score() - se) : Double.POSITIVE_INFINITY};
    }

    /** TokenGuard before the hot-path changes (results/jmh-before-t1.json, same run conditions) and now. */
    String beforeAfter(Report old) {
        StringBuilder b = new StringBuilder("### TokenGuard before and after the hot-path changes (1 thread)\n\n");
        b.append("Before: TokenGuard as committed before this work (`git show HEAD`), measured by the same benchmark"
                + " right after the run above (`jmh-before-t1.json`).\n\n");
        b.append("| benchmark | alg | keys | before ops/s | after ops/s | change | before B/op | after B/op |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Score> e : old.scores.get(1).entrySet()) {
            String[] k = e.getKey().split("\\|");
            Score now = get(1, k[0], k[1], Integer.parseInt(k[2]));
            if (now == null) {
                continue;
            }
            Score then = e.getValue();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s ± %s | %s ± %s | %+.0f%% | %s | %s |%n", k[0], k[1],
                    k[2], grouped(then.score()), grouped(then.error()), grouped(now.score()), grouped(now.error()),
                    (now.score() / then.score() - 1) * 100, grouped(then.allocBytes()), grouped(now.allocBytes())));
        }
        return b.append('\n').toString();
    }

    // ---------------------------------------------------------------------------------------------- charts

    static final Color[] PALETTE = {new Color(0x55, 0x55, 0x55), new Color(0xd6, 0x27, 0x28),
        new Color(0xff, 0x98, 0x96), new Color(0x8c, 0x1a, 0x1b), new Color(0x1f, 0x77, 0xb4),
        new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd), new Color(0xff, 0x7f, 0x0e)};

    void chart(Path png) throws IOException {
        int threads = 1;
        // One bar per implementation, 50-key set where the implementation has one (the harder case).
        List<Row> bars = List.of(new Row("JcaFloor", 0, "JCA check (floor)"),
                new Row("TokenGuardFirstSeen", 50, "TokenGuard first-seen"),
                new Row("TokenGuardCacheMiss", 50, "TokenGuard cache miss"),
                new Row("TokenGuardRepeated", 50, "TokenGuard repeated"),
                new Row("SmallRye", 0, "SmallRye JWT"),
                new Row("Jose4j", 50, "jose4j"),
                new Row("Nimbus", 50, "Nimbus JOSE+JWT"),
                new Row("Auth0", 0, "auth0 java-jwt"));
        int w = 1500;
        int h = 720;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        setup(g, w, h);
        int left = 90;
        int right = 260;
        int top = 60;
        int bottom = 70;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Token verifications per second, 1 thread, 50-key set (log scale; higher is better)", left, 32);
        double minLog = 2;
        double maxLog = 7;
        // grid
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int e = (int) minLog; e <= maxLog; e++) {
            for (int m = 1; m < 10; m++) {
                double v = Math.log10(m * Math.pow(10, e));
                if (v > maxLog) {
                    break;
                }
                int y = top + plotH - (int) ((v - minLog) / (maxLog - minLog) * plotH);
                g.setColor(m == 1 ? new Color(0xbb, 0xbb, 0xbb) : new Color(0xee, 0xee, 0xee));
                g.drawLine(left, y, left + plotW, y);
                if (m == 1) {
                    g.setColor(Color.DARK_GRAY);
                    String label = String.format(Locale.ROOT, "%,d", (long) Math.pow(10, e));
                    g.drawString(label, left - 10 - g.getFontMetrics().stringWidth(label), y + 5);
                }
            }
        }
        int groupW = plotW / ALGS.size();
        int barW = (groupW - 24) / bars.size();
        for (int a = 0; a < ALGS.size(); a++) {
            String alg = ALGS.get(a);
            int gx = left + a * groupW + 12;
            for (int i = 0; i < bars.size(); i++) {
                Row bar = bars.get(i);
                Score s = get(threads, bar.bench(), alg, bar.keys());
                int x = gx + i * barW;
                if (s == null) {
                    g.setColor(Color.GRAY);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                    g.drawString("n/a", x + 2, top + plotH - 4);
                    continue;
                }
                double v = Math.max(minLog, Math.min(maxLog, Math.log10(s.score())));
                int bh = (int) ((v - minLog) / (maxLog - minLog) * plotH);
                g.setColor(PALETTE[i]);
                g.fillRect(x, top + plotH - bh, barW - 3, bh);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(alg, left + a * groupW + (groupW - fm.stringWidth(alg)) / 2, top + plotH + 25);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        legend(g, bars.stream().map(Row::label).toList(), left + plotW + 20, top + 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString("n/a: not supported by that library (Nimbus: EdDSA needs Tink; auth0: no PS256, no EdDSA)."
                + " Data: bench/results/jmh-t1.json", left, h - 18);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    static void setup(Graphics2D g, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
    }

    static void legend(Graphics2D g, List<String> labels, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int i = 0; i < labels.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(x, y + i * 26, 18, 18);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), x + 26, y + i * 26 + 14);
        }
    }

    // ---------------------------------------------------------------------------------------------- e2e

    @SuppressWarnings("unchecked")
    static String endToEnd(String json, Path png) throws IOException {
        Map<String, Object> root;
        try {
            root = JsonUtil.parseJson(json);
        } catch (Exception e) {
            throw new IOException(e);
        }
        StringBuilder b = new StringBuilder("### End to end: ").append(root.get("server")).append(", ")
                .append(root.get("wrk")).append("\n\n");
        b.append(String.format(Locale.ROOT, "%s threads, %s connections, loopback; warm-up %s s per scenario, then"
                        + " %s rounds of %s s with the scenarios interleaved; the round with the median requests/s"
                        + " is shown, with the other rounds' requests/s. Server JVM: %s.%n%n",
                root.get("threads"), root.get("connections"), root.get("warmupSeconds"), root.get("rounds"),
                root.get("seconds"), root.get("serverJava")));
        b.append("| server | scenario | path | requests/s (median) | all rounds | avg latency | p50 | p99 | errors |"
                + " vs unauthenticated (same server) |\n|---|---|---|---:|---|---:|---:|---:|---:|---:|\n");
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) root.get("scenarios");
        Map<String, Double> medians = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> s : scenarios) {
            List<Map<String, Object>> runs = new ArrayList<>((List<Map<String, Object>>) s.get("runs"));
            List<Map<String, Object>> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingDouble(r -> num(r.get("rps"))));
            Map<String, Object> med = sorted.get(sorted.size() / 2);
            double rps = num(med.get("rps"));
            String server = (String) s.get("server");
            String name = (String) s.get("name");
            medians.put(server + "|" + name, rps);
            long errors = runs.stream().mapToLong(r -> ((Number) r.get("errors")).longValue()).sum();
            String vs = "";
            if (!name.equals("unauthenticated")) {
                Double base = medians.get(server + "|unauthenticated");
                if (base != null) {
                    vs = String.format(Locale.ROOT, "%.1f%%", (rps / base - 1) * 100);
                }
            }
            StringBuilder all = new StringBuilder();
            for (Map<String, Object> r : runs) {
                all.append(all.length() == 0 ? "" : ", ").append(grouped(num(r.get("rps"))));
            }
            String serverLabel = serverLabel(server);
            b.append(String.format(Locale.ROOT, "| %s | %s | `%s` | %s | %s | %.3f ms | %.3f ms | %.3f ms | %d | %s |%n",
                    serverLabel, name, s.get("path"), grouped(rps), all, num(med.get("avgMs")),
                    num(med.get("p50Ms")), num(med.get("p99Ms")), errors, vs));
            labels.add(serverLabel + ": " + name);
            values.add(rps);
        }
        b.append("| target | ratio | needed | verdict |\n|---|---:|---:|---|\n");
        target(b, medians, "TokenGuard within 5% of the unauthenticated endpoint (same server, configured as the"
                + " README says)", "tokenguard|tokenguard", "tokenguard|unauthenticated", 0.95);
        target(b, medians, "TokenGuard at least as fast as the server's own MP-JWT (MP-JWT with Liberty's defaults)",
                "tokenguard|tokenguard", "mpjwt|mp-jwt", 1.0);
        target(b, medians, "TokenGuard at least as fast as MP-JWT, both with the authentication cache off",
                "tokenguard|tokenguard", "mpjwt-noauthcache|mp-jwt", 1.0);
        target(b, medians, "(for reference) TokenGuard with Liberty's default authentication cache vs its"
                + " unauthenticated endpoint", "tokenguard-authcache|tokenguard", "tokenguard-authcache|unauthenticated",
                Double.NaN);
        target(b, medians, "(for reference) the TokenGuard app's unauthenticated endpoint vs the MP-JWT app's",
                "tokenguard|unauthenticated", "mpjwt|unauthenticated", Double.NaN);
        b.append('\n');
        e2eChart(labels, values, png);
        return b.toString();
    }

    static String serverLabel(String server) {
        return switch (server) {
            case "tokenguard" -> "Liberty + TokenGuard (as the README configures it: auth cache off)";
            case "mpjwt" -> "Liberty mpJwt-2.1, no TokenGuard (Liberty's defaults)";
            case "tokenguard-authcache" -> "Liberty + TokenGuard, Liberty's default auth cache";
            case "mpjwt-noauthcache" -> "Liberty mpJwt-2.1, auth cache off";
            default -> server;
        };
    }

    static void target(StringBuilder b, Map<String, Double> medians, String what, String num, String den,
                       double needed) {
        Double n = medians.get(num);
        Double d = medians.get(den);
        if (n == null || d == null) {
            return;
        }
        double ratio = n / d;
        String verdict = Double.isNaN(needed) ? "—" : ratio >= needed ? "**met**" : "**missed**";
        b.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %s |%n", what, ratio,
                Double.isNaN(needed) ? "—" : String.format(Locale.ROOT, "≥ %.2f", needed), verdict));
    }

    static void e2eChart(List<String> labels, List<Double> values, Path png) throws IOException {
        int w = 1250;
        int h = 80 + labels.size() * 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        setup(g, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString("End to end, Open Liberty, GET /api/ping via wrk: requests/s (median round)", 20, 30);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int left = 480;
        int plotW = w - left - 130;
        Color[] colors = {new Color(0x99, 0x99, 0x99), new Color(0xd6, 0x27, 0x28), new Color(0x99, 0x99, 0x99),
            new Color(0x1f, 0x77, 0xb4), new Color(0xbb, 0xbb, 0xbb), new Color(0xff, 0x98, 0x96),
            new Color(0xbb, 0xbb, 0xbb), new Color(0x9e, 0xc5, 0xe8)};
        for (int i = 0; i < labels.size(); i++) {
            int y = 55 + i * 60;
            int bw = (int) (values.get(i) / max * plotW);
            g.setColor(colors[i % colors.length]);
            g.fillRect(left, y, bw, 40);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            g.drawString(labels.get(i), 20, y + 26);
            g.drawString(grouped(values.get(i)) + " req/s", left + bw + 8, y + 26);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
