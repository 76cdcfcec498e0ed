package dev.tokenguard.bench.e2e;

import dev.tokenguard.it.AppEnvironment;
import dev.tokenguard.it.TestIssuer;
import dev.tokenguard.it.server.OpenLiberty;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end on one real server: Open Liberty 26.0.0.3 (from the IT build), four instances side by side —
 * <ul>
 * <li>19600 {@code tokenguard}: the TokenGuard sample WAR (it/app) with it/servers/liberty/server.xml, as the test
 *     suite runs it and the README configures Liberty (authentication cache off);
 * <li>19610 {@code mpjwt}: bench/mpjwt-app, the same ping endpoint protected by Liberty's own mpJwt-2.1, no
 *     TokenGuard, Liberty's default configuration;
 * <li>19620 {@code tokenguard-authcache}: TokenGuard with Liberty's default authentication cache (what the README
 *     advises against, to show its cost), and 19630 {@code mpjwt-noauthcache}: MP-JWT with the cache off too
 *     ({@code <authentication cacheEnabled="false"/>}, see BENCHMARKS.md);
 * </ul>
 * all trusting the same test issuer (port 19690, RS256 JWK Set) with the same issuer and audience, so one token is
 * accepted by all. wrk (loopback only) measures GET /api/ping/open (@PermitAll, no token) and GET /api/ping
 * (@RolesAllowed("read"), bearer token) on each: a warm-up run per scenario, then {@code rounds} rounds with the
 * scenarios interleaved; the median round is reported. Results go to results/e2e.json.
 */
public final class EndToEnd {

    record Scenario(String name, String server, String url, String token) {
    }

    record ServerSpec(String name, Path war, Path serverXml, int port) {
    }

    record Run(double requestsPerSecond, double avgMs, double p50Ms, double p99Ms, long requests, long errors) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("repo", "..")).toAbsolutePath().normalize();
        int seconds = Integer.getInteger("e2e.seconds", 20);
        int warmup = Integer.getInteger("e2e.warmup", 15);
        int rounds = Integer.getInteger("e2e.rounds", 3);
        int connections = Integer.getInteger("e2e.connections", 16);
        int threads = Integer.getInteger("e2e.threads", 2);
        Path out = Path.of(System.getProperty("e2e.out", "results/e2e.json")).toAbsolutePath();

        Path servers = repo.resolve("it/suite/target/servers");
        Path wlp = servers.resolve("wlp");
        Path work = repo.resolve("bench/target/e2e-work");
        Path tgWar = repo.resolve("it/suite/target/apps/tokenguard-sample.war");
        Path mpWar = repo.resolve("bench/mpjwt-app/target/tokenguard-bench-mpjwt.war");

        TestIssuer issuer = new TestIssuer(19690);
        String audience = "http://127.0.0.1:19600/mcp";
        // name, WAR, server.xml, port: TokenGuard with the test suite's own server.xml (authentication cache off) and
        // with Liberty's default; the server's own MP-JWT with Liberty's default and with the cache off.
        List<ServerSpec> specs = List.of(
                new ServerSpec("tokenguard", tgWar, repo.resolve("it/servers/liberty/server.xml"), 19600),
                new ServerSpec("mpjwt", mpWar, repo.resolve("bench/e2e/liberty-mpjwt/server.xml"), 19610),
                new ServerSpec("tokenguard-authcache", tgWar,
                        repo.resolve("bench/e2e/liberty-tokenguard-authcache/server.xml"), 19620),
                new ServerSpec("mpjwt-noauthcache", mpWar,
                        repo.resolve("bench/e2e/liberty-mpjwt-noauthcache/server.xml"), 19630));
        List<OpenLiberty> running = new ArrayList<>();
        Thread cleanup = new Thread(() -> {
            running.forEach(OpenLiberty::stop);
            issuer.close();
        }, "e2e-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            // -De2e.jvmArgs=... reaches the servers' JVMs (Liberty reads JVM_ARGS), e.g. to record a JFR profile;
            // {server} in it becomes the server's name.
            String jvmArgs = System.getProperty("e2e.jvmArgs", "");
            // One token for all: RS256 from the issuer's main key, scope "read" (TokenGuard's roles), groups ["read"]
            // (MP JWT's roles), upn (Liberty's default user-name claim), aud = the shared audience, valid all along.
            String token = issuer.token(audience).subject("alice").scopes("read")
                    .claim("groups", List.of("read")).claim("upn", "alice").expiresInSeconds(6 * 3600).create();
            List<Scenario> scenarios = new ArrayList<>();
            for (ServerSpec spec : specs) {
                System.out.println("starting Open Liberty (" + spec.name() + ") on " + spec.port() + " ...");
                OpenLiberty server = new OpenLiberty(wlp, spec.serverXml(), work.resolve(spec.name()), spec.port());
                Map<String, String> env = new LinkedHashMap<>();
                if (spec.name().startsWith("tokenguard")) {
                    env.putAll(AppEnvironment.forIssuer(issuer.jwksUri(), URI.create(audience), issuer.issuer()));
                } else {
                    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer.jwksUri().toString());
                    env.put("MP_JWT_VERIFY_ISSUER", issuer.issuer());
                    env.put("MP_JWT_VERIFY_AUDIENCES", audience);
                }
                if (!jvmArgs.isBlank()) {
                    env.put("JVM_ARGS", jvmArgs.replace("{server}", spec.name()));
                }
                running.add(server);
                server.start(spec.war(), env);
                String base = "http://127.0.0.1:" + spec.port();
                expect(base + "/api/ping/open", null, 200);
                expect(base + "/api/ping", null, 401);
                expect(base + "/api/ping", token, 200);
                expect(base + "/api/ping", token.substring(0, token.length() - 4) + "AAAA", 401);
                scenarios.add(new Scenario("unauthenticated", spec.name(), base + "/api/ping/open", null));
                scenarios.add(new Scenario(spec.name().startsWith("tokenguard") ? "tokenguard" : "mp-jwt",
                        spec.name(), base + "/api/ping", token));
            }
            String wrkVersion = wrkVersion();
            System.out.println(wrkVersion + "; " + threads + " threads, " + connections + " connections, warm-up "
                    + warmup + " s, then " + rounds + " rounds of " + seconds + " s per scenario, interleaved");
            for (Scenario s : scenarios) {
                Run r = wrk(s, threads, connections, warmup);
                System.out.printf(Locale.ROOT, "warm-up %-16s %-10s %10.0f req/s%n", s.name(), s.server(),
                        r.requestsPerSecond());
            }
            Map<Scenario, List<Run>> runs = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Scenario s : scenarios) {
                    Run r = wrk(s, threads, connections, seconds);
                    runs.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
                    System.out.printf(Locale.ROOT, "round %d %-16s %-10s %10.0f req/s  avg %.3f ms  p99 %.3f ms"
                                    + "  errors %d%n", round, s.name(), s.server(), r.requestsPerSecond(), r.avgMs(),
                            r.p99Ms(), r.errors());
                }
            }
            write(out, runs, wrkVersion, threads, connections, warmup, seconds, rounds);
            System.out.println("wrote " + out);
        } finally {
            cleanup.run();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static void expect(String url, String token, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        int got = HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (got != status) {
            throw new IllegalStateException(url + (token == null ? " without a token" : " with a token") + ": "
                    + got + " instead of " + status);
        }
    }

    private static String wrkVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text.lines().findFirst().orElse("wrk").replaceAll("\\s*\\[.*", "").strip();
    }

    static Run wrk(Scenario s, int threads, int connections, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "5s"));
        if (s.token() != null) {
            cmd.add("-H");
            cmd.add("Authorization: Bearer " + s.token());
        }
        cmd.add(s.url());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        return parse(text);
    }

    static Run parse(String text) {
        double rps = Double.parseDouble(group(text, "Requests/sec:\\s+([0-9.]+)"));
        double avg = millis(group(text, "Latency\\s+([0-9.]+[a-z]+)"));
        double p50 = millis(group(text, "\\s50%\\s+([0-9.]+[a-z]+)"));
        double p99 = millis(group(text, "\\s99%\\s+([0-9.]+[a-z]+)"));
        long requests = Long.parseLong(group(text, "(\\d+) requests in"));
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(text);
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(text);
        long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Run(rps, avg, p50, p99, requests, errors);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk output:\n" + text);
        }
        return m.group(1);
    }

    private static double millis(String value) {
        Matcher m = Pattern.compile("([0-9.]+)([a-z]+)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(value);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static void write(Path out, Map<Scenario, List<Run>> runs, String wrkVersion, int threads,
                              int connections, int warmup, int seconds, int rounds) throws IOException {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"server\": \"Open Liberty 26.0.0.3\",\n");
        b.append("  \"serverJava\": \"").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("\",\n");
        b.append("  \"wrk\": \"").append(wrkVersion).append("\",\n");
        b.append(String.format(Locale.ROOT, "  \"threads\": %d, \"connections\": %d, \"warmupSeconds\": %d,"
                + " \"seconds\": %d, \"rounds\": %d,%n", threads, connections, warmup, seconds, rounds));
        b.append("  \"scenarios\": [\n");
        int i = 0;
        for (Map.Entry<Scenario, List<Run>> e : runs.entrySet()) {
            Scenario s = e.getKey();
            b.append("    {\"name\": \"").append(s.name()).append("\", \"server\": \"").append(s.server())
                    .append("\", \"path\": \"").append(URI.create(s.url()).getPath()).append("\", \"runs\": [");
            int j = 0;
            for (Run r : e.getValue()) {
                b.append(String.format(Locale.ROOT, "%s{\"rps\": %.1f, \"avgMs\": %.4f, \"p50Ms\": %.4f,"
                                + " \"p99Ms\": %.4f, \"requests\": %d, \"errors\": %d}", j++ == 0 ? "" : ", ",
                        r.requestsPerSecond(), r.avgMs(), r.p50Ms(), r.p99Ms(), r.requests(), r.errors()));
            }
            b.append("]}").append(++i < runs.size() ? ",\n" : "\n");
        }
        b.append("  ]\n}\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString());
    }
}
