package dev.tokenguard.it.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Waiting for servers: log lines, files, HTTP answers; and the log tail every failure message carries. */
final class Waits {

    static final int TAIL_LINES = 60;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Waits() {
    }

    /** A point in time to wait until. */
    record Deadline(long nanos, Duration total) {
        static Deadline in(Duration total) {
            return new Deadline(System.nanoTime() + total.toNanos(), total);
        }

        boolean passed() {
            return System.nanoTime() - nanos >= 0;
        }
    }

    /** Reads a growing log file line by line, from where the last call stopped; a partial last line waits. */
    static final class LogScanner {
        private final Path file;
        private long offset;
        private final StringBuilder partial = new StringBuilder();

        LogScanner(Path file) {
            this.file = file;
        }

        List<String> newLines() throws IOException {
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                return lines;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long length = in.length();
                if (length < offset) { // truncated or replaced: start again
                    offset = 0;
                    partial.setLength(0);
                }
                if (length == offset) {
                    return lines;
                }
                in.seek(offset);
                byte[] bytes = new byte[(int) Math.min(length - offset, 4 << 20)];
                in.readFully(bytes);
                offset += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            int start = 0;
            for (int i = 0; i < partial.length(); i++) {
                if (partial.charAt(i) == '\n') {
                    lines.add(partial.substring(start, i).replace("\r", ""));
                    start = i + 1;
                }
            }
            partial.delete(0, start);
            return lines;
        }
    }

    /**
     * Waits until every one of {@code needles} occurred in some line of the log (in any order). Fails at once when
     * a line contains one of {@code failures}, or when the process ends.
     */
    static void forLogLines(ServerProcess process, LogScanner log, Collection<String> needles,
            Collection<String> failures, Deadline deadline) throws Exception {
        Set<String> missing = new LinkedHashSet<>(needles);
        while (true) {
            List<String> lines = log.newLines();
            if (lines.stream().anyMatch(line -> failures.stream().anyMatch(line::contains))) {
                Thread.sleep(1000); // let the server finish writing the error (a stack trace, a second line)
                lines = new ArrayList<>(lines);
                lines.addAll(log.newLines());
                List<String> failed = lines.stream().filter(line -> failures.stream().anyMatch(line::contains))
                        .map(line -> clean(line).strip()).distinct().limit(5)
                        .map(line -> line.length() > 600 ? line.substring(0, 600) + "..." : line).toList();
                throw new IllegalStateException(process.label() + " failed; the log says:\n  "
                        + String.join("\n  ", failed) + tail(process.logFile()));
            }
            for (String line : lines) {
                missing.removeIf(line::contains);
            }
            if (missing.isEmpty()) {
                return;
            }
            checkAlive(process, "while waiting for " + missing + " in the log");
            if (deadline.passed()) {
                throw new TimeoutException(process.label() + ": no " + missing + " in the log within "
                        + deadline.total().toSeconds() + " s" + tail(process.logFile()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until {@code condition} holds; {@code what} names it in the failure message. */
    static void until(ServerProcess process, String what, BooleanSupplier condition, Deadline deadline)
            throws Exception {
        while (!condition.getAsBoolean()) {
            checkAlive(process, "while waiting for " + what);
            if (deadline.passed()) {
                throw new TimeoutException(process.label() + ": no " + what + " within "
                        + deadline.total().toSeconds() + " s" + tail(process.logFile()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until {@code GET baseUri + path} answers with a status below 500 other than 404 (a 404 means the
     * application is not (yet) at the root context). Short timeouts per request.
     */
    static int forHttp(ServerProcess process, URI baseUri, String path, Deadline deadline) throws Exception {
        URI uri = URI.create(baseUri + path);
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status < 500 && status != 404) {
                    return status;
                }
                last = "status " + status;
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            }
            checkAlive(process, "while waiting for an HTTP answer from " + uri);
            if (deadline.passed()) {
                throw new TimeoutException(process.label() + ": " + uri + " did not answer within "
                        + deadline.total().toSeconds() + " s (last: " + last + ")" + tail(process.logFile()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static void checkAlive(ServerProcess process, String doing) {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.label() + " exited with code " + process.process().exitValue()
                    + " " + doing + tail(process.logFile()));
        }
    }

    /** Fails when something already listens on 127.0.0.1:{@code port} (typically a server left over). */
    static void checkPortFree(String label, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (IOException e) {
            throw new IllegalStateException(label + ": port " + port + " on 127.0.0.1 is already in use ("
                    + e.getMessage() + "); a server left over from an earlier run? Find it with: ss -ltnp | grep "
                    + port);
        }
    }

    /** "\n--- last 60 lines of FILE ---\n..." for failure messages; never throws. */
    static String tail(Path file) {
        return tail(file, TAIL_LINES);
    }

    static String tail(Path file, int lines) {
        if (file == null) {
            return "";
        }
        try {
            if (!Files.exists(file)) {
                return "\n--- (no log file " + file + ") ---";
            }
            long size = Files.size(file);
            byte[] bytes;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                int n = (int) Math.min(size, 256 * 1024);
                in.seek(size - n);
                bytes = new byte[n];
                in.readFully(bytes);
            }
            List<String> all = Arrays.asList(clean(new String(bytes, StandardCharsets.UTF_8)).split("\r?\n"));
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "\n--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last)
                    + "\n--- end of " + file.getFileName() + " ---";
        } catch (IOException | RuntimeException e) {
            return "\n--- (cannot read " + file + ": " + e + ") ---";
        }
    }

    private static String clean(String text) {
        return ANSI.matcher(text).replaceAll("");
    }
}
