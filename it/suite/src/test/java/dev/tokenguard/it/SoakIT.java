package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.it.server.AppServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak on one real server (the first of {@code it.servers}): {@code it.soak.seconds} (default 60)
 * of closed-loop load from {@code it.soak.threads} (default 16) loopback clients, with valid, expired, forged
 * and missing tokens mixed, and a key rotation half-way through. Zero 5xx, zero wrong answers, and the
 * server's heap after a full GC must not grow. Not part of the normal build: run it with
 * {@code mvn -B -f it/pom.xml verify -Dit.soak -Dit.servers=liberty} (see the README's reliability section).
 */
class SoakIT {

    private enum Kind { READ, ADMIN_DELETE, EXPIRED, FORGED, NO_TOKEN }

    private record Sample(Kind kind, int status, String challenge, long nanos) {
    }

    @Test
    void soak() throws Exception {
        int seconds = Integer.getInteger("it.soak.seconds", 60);
        int threads = Integer.getInteger("it.soak.threads", 16);
        String serverName = Servers.selected().get(0);
        AppServer server = Servers.get(serverName);
        TestIssuer issuer = Servers.issuer();
        String audience = server.baseUri().toString();
        URI notes = URI.create(audience + "/api/notes");
        URI delete = URI.create(audience + "/api/notes/1");

        // Token pools: many distinct valid tokens, so that the verified-token cache does not answer everything.
        AtomicReference<List<String>> readTokens = new AtomicReference<>(mint(issuer, TestIssuer.MAIN_KID, audience,
                2_000, "read"));
        AtomicReference<List<String>> adminTokens = new AtomicReference<>(mint(issuer, TestIssuer.MAIN_KID, audience,
                200, "read", "admin"));
        List<String> expired = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expired.add(issuer.token(audience).subject("late-" + i).scopes("read").expiresInSeconds(-600).create());
        }
        List<String> forged = new ArrayList<>();
        dev.tokenguard.jwt.RsaKeyPair attacker = dev.tokenguard.jwt.RsaKeyPair.generate();
        for (int i = 0; i < 200; i++) {
            forged.add(attacker.token().keyId(TestIssuer.MAIN_KID).issuer(issuer.issuer()).audience(audience)
                    .subject("forged-" + i).scopes("read", "admin").create());
        }

        long pid = serverPid(server).orElse(-1L);
        long heapBefore = pid > 0 ? heapAfterFullGc(pid) : -1;
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread client = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    int dice = random.nextInt(100);
                    Kind kind = dice < 70 ? Kind.READ : dice < 80 ? Kind.ADMIN_DELETE : dice < 90 ? Kind.EXPIRED
                            : dice < 95 ? Kind.FORGED : Kind.NO_TOKEN;
                    HttpRequest.Builder request = HttpRequest.newBuilder(kind == Kind.ADMIN_DELETE ? delete : notes)
                            .timeout(Duration.ofSeconds(30));
                    request = kind == Kind.ADMIN_DELETE ? request.DELETE() : request.GET();
                    String token = switch (kind) {
                        case READ -> pick(readTokens.get(), random);
                        case ADMIN_DELETE -> pick(adminTokens.get(), random);
                        case EXPIRED -> pick(expired, random);
                        case FORGED -> pick(forged, random);
                        case NO_TOKEN -> null;
                    };
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        Sample s = new Sample(kind, r.statusCode(), r.headers().firstValue("WWW-Authenticate")
                                .orElse(""), System.nanoTime() - started);
                        samples.add(s);
                        String problem = check(s);
                        if (problem != null) {
                            wrong.add(problem);
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                        wrong.add(kind + ": " + e);
                    }
                }
            }, "soak-client-" + t);
            clients.add(client);
            client.start();
        }

        // Heap after a full GC every quarter; half-way the issuer publishes a new key and clients move to it.
        List<Long> heap = new ArrayList<>(List.of(heapBefore));
        long quarter = TimeUnit.SECONDS.toMillis(seconds) / 4;
        for (int q = 1; q <= 4; q++) {
            Thread.sleep(quarter);
            if (q == 2) {
                issuer.publish("soak-rotated");
                Thread.sleep(2_500); // the app refreshes its key set within its 1 s minimum interval and 2 s TTL
                readTokens.set(mint(issuer, "soak-rotated", audience, 2_000, "read"));
                adminTokens.set(mint(issuer, "soak-rotated", audience, 200, "read", "admin"));
            }
            if (q < 4 && pid > 0) {
                heap.add(heapAfterFullGc(pid));
            }
        }
        for (Thread client : clients) {
            client.join();
        }
        long heapAfter = pid > 0 ? heapAfterFullGc(pid) : -1;
        heap.add(heapAfter);
        issuer.withdraw("soak-rotated");

        List<Sample> all = new ArrayList<>(samples);
        long fiveXx = all.stream().filter(s -> s.status() >= 500).count();
        long[] latencies = all.stream().mapToLong(Sample::nanos).sorted().toArray();
        String report = String.format("soak on %s: %d s, %d client threads, %d requests (%.0f/s), p50 %.2f ms,"
                        + " p99 %.2f ms, max %.1f ms; 5xx %d, wrong answers %d, client errors %d;"
                        + " heap after full GC, every quarter: %s%n  by kind: %s",
                serverName, seconds, threads, all.size(), all.size() / (double) seconds, ms(latencies, 0.50),
                ms(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6, fiveXx,
                wrong.size(), errors.get(), heap.stream().map(SoakIT::mib).toList(), countByKind(all));
        System.out.println(report);
        Path reportFile = Servers.path("it.work.dir").resolve("soak-" + serverName + ".txt");
        Files.writeString(reportFile, report + (wrong.isEmpty() ? "" : "\nfirst wrong answers:\n"
                + String.join("\n", wrong.stream().limit(20).toList())));

        assertEquals(0, fiveXx, report);
        assertTrue(wrong.isEmpty(), report + "\nfirst wrong answers: " + wrong.stream().limit(10).toList());
        // Steady: the verified-token cache (bounded) fills in the first half; after that the heap must not grow.
        if (heap.stream().allMatch(h -> h > 0)) {
            long middle = heap.get(2);
            assertTrue(heapAfter < middle * 1.25 + 16L * 1024 * 1024, "heap grew in the second half: " + report);
        }
    }

    /** The answer each kind of request must get. */
    private static String check(Sample s) {
        boolean ok = switch (s.kind()) {
            case READ, ADMIN_DELETE -> s.status() == 200;
            case EXPIRED, FORGED -> s.status() == 401 && s.challenge().contains("error=\"invalid_token\"");
            case NO_TOKEN -> s.status() == 401 && !s.challenge().contains("error=");
        };
        return ok ? null : s.kind() + " got " + s.status() + " " + s.challenge();
    }

    private static List<String> mint(TestIssuer issuer, String kid, String audience, int count, String... scopes) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(issuer.token(kid, audience).subject("user-" + i).scopes(scopes).create());
        }
        return List.copyOf(tokens);
    }

    private static String pick(List<String> tokens, ThreadLocalRandom random) {
        return tokens.get(random.nextInt(tokens.size()));
    }

    private static String countByKind(List<Sample> all) {
        StringBuilder b = new StringBuilder();
        for (Kind k : Kind.values()) {
            b.append(k).append('=').append(all.stream().filter(s -> s.kind() == k).count()).append(' ');
        }
        return b.toString().trim();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)] / 1e6;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** The server's JVM: the process listening on its port (iproute2's ss tells). */
    private static Optional<Long> serverPid(AppServer server) {
        try {
            String listening = run("ss", "-ltnpH", "sport = :" + server.baseUri().getPort());
            Matcher m = Pattern.compile("pid=(\\d+)").matcher(listening);
            return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    /** Used heap after a full GC, from {@code jcmd} of the JDK running the tests. */
    private static long heapAfterFullGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        run(jcmd.toString(), String.valueOf(pid), "GC.run");
        String info = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
