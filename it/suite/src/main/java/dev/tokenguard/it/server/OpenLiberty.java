package dev.tokenguard.it.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty ({@code wlp}) with {@code it/servers/liberty/server.xml}. The server lives in its own user directory
 * under the work directory ({@code WLP_USER_DIR}), created once with {@code bin/server create} (which makes the
 * keystore password; the first start makes the LTPA keys). Each start copies server.xml and the WAR again, writes
 * the port into bootstrap.properties and runs {@code bin/server run} in the foreground (it execs the JVM), so the
 * environment reaches the server and the process is ours. Ready after CWWKF0011I (server ready), CWWKS4105I (LTPA
 * ready) and CWWKZ0001I (application started) and an HTTP answer. Stopped with {@code bin/server stop}.
 */
public final class OpenLiberty implements AppServer {

    static final String SERVER_NAME = "tokenguard";
    static final String WAR_NAME = "tokenguard-sample.war";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> READY = List.of("CWWKF0011I", "CWWKS4105I", "CWWKZ0001I");
    /** Application failed to start, port in use, unknown feature, the runtime cannot start. */
    private static final List<String> FAILED = List.of("CWWKZ0002E", "CWWKZ0004E", "CWWKZ0013E", "CWWKO0221E",
            "CWWKF0001E", "CWWKE0005E");

    private final Path wlp;
    private final Path serverXml;
    private final Path work;
    private final int httpPort;
    private ServerProcess process;

    /**
     * @param wlp       the Open Liberty installation ({@code .../wlp})
     * @param serverXml the server.xml to use ({@code it/servers/liberty/server.xml})
     * @param work      a directory of this server's own (user directory, logs)
     */
    public OpenLiberty(Path wlp, Path serverXml, Path work, int httpPort) {
        this.wlp = wlp.toAbsolutePath();
        this.serverXml = serverXml.toAbsolutePath();
        this.work = work.toAbsolutePath();
        this.httpPort = httpPort;
    }

    @Override
    public String name() {
        return "liberty";
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    @Override
    public Path logFile() {
        return work.resolve("console.log");
    }

    /** Liberty's own log, {@code messages.log} (the console log has the same lines from INFO up). */
    public Path messagesLog() {
        return serverDir().resolve("logs/messages.log");
    }

    private Path userDir() {
        return work.resolve("usr");
    }

    private Path serverDir() {
        return userDir().resolve("servers").resolve(SERVER_NAME);
    }

    @Override
    public synchronized void start(Path war, Map<String, String> environment) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name() + " is already running: " + process);
        }
        requireFile(war, "WAR");
        requireFile(serverXml, "server.xml");
        Waits.Deadline deadline = Waits.Deadline.in(START_TIMEOUT);
        ServerProcess.stopLeftover(name(), work.resolve("server.pid"));
        Waits.checkPortFree(name(), httpPort);

        Files.createDirectories(work);
        if (!Files.exists(serverDir().resolve("server.env"))) {
            ServerProcess.deleteRecursively(serverDir());
            int rc = ServerProcess.run(name() + " create", List.of(script(), "create", SERVER_NAME), work,
                    baseEnvironment(), work.resolve("create.log"), Duration.ofSeconds(120));
            if (rc != 0) {
                throw new IllegalStateException("bin/server create " + SERVER_NAME + " failed with exit code " + rc
                        + Waits.tail(work.resolve("create.log")));
            }
        }
        Path server = serverDir();
        Files.copy(serverXml, server.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + httpPort + "\n");
        ServerProcess.deleteRecursively(server.resolve("logs"));
        ServerProcess.deleteRecursively(server.resolve("configDropins"));
        ServerProcess.deleteRecursively(server.resolve("dropins"));
        Files.createDirectories(server.resolve("apps"));
        Files.copy(war, server.resolve("apps").resolve(WAR_NAME), StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> env = baseEnvironment();
        env.putAll(environment);
        process = ServerProcess.start(name(), List.of(script(), "run", SERVER_NAME), work, env, logFile(),
                work.resolve("server.pid"));
        try {
            Waits.forLogLines(process, new Waits.LogScanner(logFile()), READY, FAILED, deadline);
            Waits.forHttp(process, baseUri(), "/api/public", deadline);
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ServerProcess running = process;
        running.stop(STOP_TIMEOUT, this::serverStop);
        process = null;
    }

    /** {@code bin/server stop}: returns once the server has stopped. */
    private void serverStop() {
        try {
            ServerProcess.run(name() + " stop", List.of(script(), "stop", SERVER_NAME), work, baseEnvironment(),
                    work.resolve("stop.log"), STOP_TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException("bin/server stop failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String script() {
        return wlp.resolve("bin/server").toString();
    }

    private Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JRE_HOME", null);
        env.put("WLP_USER_DIR", userDir().toString());
        env.put("WLP_OUTPUT_DIR", null);
        return env;
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " not found: " + file.toAbsolutePath());
        }
    }

    @Override
    public String toString() {
        return name() + " at " + baseUri();
    }
}
