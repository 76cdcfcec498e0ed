package dev.tokenguard.it.server;

import java.io.IOException;
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
public final class OpenLiberty extends LocalServer {

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

    /**
     * @param wlp       the Open Liberty installation ({@code .../wlp})
     * @param serverXml the server.xml to use ({@code it/servers/liberty/server.xml})
     * @param work      a directory of this server's own (user directory, logs)
     */
    public OpenLiberty(Path wlp, Path serverXml, Path work, int httpPort) {
        super("liberty", work, httpPort, START_TIMEOUT, STOP_TIMEOUT);
        this.wlp = wlp.toAbsolutePath();
        this.serverXml = serverXml.toAbsolutePath();
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
    protected ServerProcess launch(Path war, Map<String, String> environment) throws Exception {
        requireFile(serverXml, "server.xml");

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
        return startProcess(List.of(script(), "run", SERVER_NAME), env);
    }

    @Override
    protected void awaitReady(ServerProcess process, Waits.Deadline deadline) throws Exception {
        Waits.forLogLines(process, new Waits.LogScanner(logFile()), READY, FAILED, deadline);
    }

    @Override
    protected Runnable gracefulStop() {
        return this::serverStop;
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

}
