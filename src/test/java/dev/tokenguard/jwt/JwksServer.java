package dev.tokenguard.jwt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server publishing a JWK Set at {@code http://127.0.0.1:<port>/jwks.json}, for tests.
 *
 * <p>The document can be replaced at any time ({@link #publish}, key rotation); every request is counted
 * ({@link #requests}); the server can misbehave on demand ({@link #mode}); and it can go down
 * ({@link #stop}: connection refused) and come back on the same port ({@link #restart}).
 */
final class JwksServer implements AutoCloseable {

    enum Mode {
        /** 200, {@code application/json}, the published document. */
        NORMAL,
        /** 500, with the published document as body (so ignoring the status would be noticed). */
        HTTP_500,
        /** 200, {@code application/json}, a body that is not JSON. */
        GARBAGE,
        /** 200, the published document padded with spaces to {@link #oversizedBytes}; Content-Length set. */
        OVERSIZED,
        /** As {@link #OVERSIZED}, but chunked: no Content-Length, so only counting the bytes can notice. */
        OVERSIZED_CHUNKED,
        /** 200, {@code text/html}, with the published document as body. */
        WRONG_CONTENT_TYPE,
        /** Waits {@link #slowMillis} before answering as {@link #NORMAL}. */
        SLOW,
        /**
         * Answers at once with the status line, headers and the first byte of the body, then waits
         * {@link #slowMillis} before sending the rest: a server that trickles its body.
         */
        SLOW_BODY
    }

    static final String PATH = "/jwks.json";

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile String document;
    private volatile Mode mode = Mode.NORMAL;
    private volatile long slowMillis = 3000;
    private volatile int oversizedBytes = 1024 * 1024;
    private volatile String cacheControl;

    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    private JwksServer(String document) throws IOException {
        this.document = document;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** A running server publishing {@code jwksJson}. */
    static JwksServer start(String jwksJson) {
        try {
            return new JwksServer(jwksJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + port + PATH;
    }

    int port() {
        return port;
    }

    /** Replaces the published document; the next request gets it. */
    void publish(String jwksJson) {
        this.document = jwksJson;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Switches to {@link Mode#SLOW}, answering after {@code millis}. */
    void slow(long millis) {
        this.slowMillis = millis;
        this.mode = Mode.SLOW;
    }

    /** Switches to {@link Mode#SLOW_BODY}: headers at once, the rest of the body after {@code millis}. */
    void slowBody(long millis) {
        this.slowMillis = millis;
        this.mode = Mode.SLOW_BODY;
    }

    void oversizedBytes(int bytes) {
        this.oversizedBytes = bytes;
    }

    /** The {@code Cache-Control} header to send with good answers; null for none. */
    void cacheControl(String value) {
        this.cacheControl = value;
    }

    /** Requests received so far, whatever the answer. */
    int requests() {
        return requests.get();
    }

    /** The most requests that were ever being answered at the same time. */
    int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** Closes the listening socket and every connection: clients now get "connection refused". */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    /** Listens again on the same port. */
    synchronized void restart() {
        if (server == null) {
            try {
                server = bind(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private HttpServer bind(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), onPort), 64);
        s.createContext(PATH, this::handle);
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "jwks-server");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(pool);
        s.start();
        this.executor = pool;
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            answer(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Mode m = mode;
            String doc = document;
            switch (m) {
                case HTTP_500 -> send(exchange, 500, "application/json", doc.getBytes(StandardCharsets.UTF_8), false);
                case GARBAGE -> send(exchange, 200, "application/json",
                        "<<<this is {not json".getBytes(StandardCharsets.UTF_8), false);
                case OVERSIZED, OVERSIZED_CHUNKED -> send(exchange, 200, "application/json", padded(doc),
                        m == Mode.OVERSIZED_CHUNKED);
                case WRONG_CONTENT_TYPE -> send(exchange, 200, "text/html; charset=utf-8",
                        doc.getBytes(StandardCharsets.UTF_8), false);
                case SLOW -> {
                    try {
                        Thread.sleep(slowMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    sendGood(exchange, doc);
                }
                case SLOW_BODY -> {
                    byte[] body = doc.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body, 0, 1);
                        out.flush();
                        try {
                            Thread.sleep(slowMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        out.write(body, 1, body.length - 1);
                    }
                }
                case NORMAL -> sendGood(exchange, doc);
                default -> throw new IllegalStateException(m.name());
            }
        } catch (IOException clientWentAway) {
            // a client that timed out closes its end; nothing to do
        }
    }

    private void sendGood(HttpExchange exchange, String doc) throws IOException {
        String cc = cacheControl;
        if (cc != null) {
            exchange.getResponseHeaders().set("Cache-Control", cc);
        }
        send(exchange, 200, "application/json", doc.getBytes(StandardCharsets.UTF_8), false);
    }

    private byte[] padded(String doc) {
        byte[] body = doc.getBytes(StandardCharsets.UTF_8);
        int size = Math.max(oversizedBytes, body.length);
        byte[] out = Arrays.copyOf(body, size);
        Arrays.fill(out, body.length, size, (byte) ' ');
        return out;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean chunked)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (chunked) {
                for (int i = 0; i < body.length; i += 8192) {
                    out.write(body, i, Math.min(8192, body.length - i));
                    out.flush();
                }
            } else {
                out.write(body);
            }
        }
    }
}
