package dev.tokenguard.it.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro: {@code java -jar payara-micro.jar --nocluster --disablephonehome --port N --contextroot / --deploy
 * WAR --rootdir DIR}, with the Java that runs the tests. The root directory (domain configuration, the unpacked
 * runtime, generated files) is made fresh for every start. Options are explained in
 * {@code it/servers/payara/README.md}; {@code it/servers/payara/preboot.asadmin}, when present, is passed as
 * {@code --prebootcommandfile}. Ready after "ready in" in the log and an HTTP answer. Stopped with SIGTERM (a clean
 * shutdown), then SIGKILL.
 */
public final class PayaraMicro implements AppServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> READY = List.of("ready in");
    /** Deployment or boot failures that would otherwise only show up as a timeout. */
    private static final List<String> FAILED = List.of("Exception while loading the app",
            "Exception while deploying the app", "Deployment failed", "Failed to boot");

    private final Path jar;
    private final Path prebootCommands;
    private final Path work;
    private final int httpPort;
    private ServerProcess process;

    /**
     * @param jar             payara-micro.jar
     * @param prebootCommands an asadmin command file run before boot, or null
     * @param work            a directory of this server's own (root directory, log)
     */
    public PayaraMicro(Path jar, Path prebootCommands, Path work, int httpPort) {
        this.jar = jar.toAbsolutePath();
        this.prebootCommands = prebootCommands == null ? null : prebootCommands.toAbsolutePath();
        this.work = work.toAbsolutePath();
        this.httpPort = httpPort;
    }

    @Override
    public String name() {
        return "payara";
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    @Override
    public Path logFile() {
        return work.resolve("payara.log");
    }

    @Override
    public synchronized void start(Path war, Map<String, String> environment) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name() + " is already running: " + process);
        }
        OpenLiberty.requireFile(war, "WAR");
        OpenLiberty.requireFile(jar, "payara-micro.jar");
        Waits.Deadline deadline = Waits.Deadline.in(START_TIMEOUT);
        ServerProcess.stopLeftover(name(), work.resolve("server.pid"));
        Waits.checkPortFree(name(), httpPort);

        Path root = work.resolve("payara-root");
        ServerProcess.deleteRecursively(root);
        Files.createDirectories(root); // --rootdir must exist

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "--nocluster", "--disablephonehome",
                "--port", Integer.toString(httpPort),
                "--rootdir", root.toString()));
        if (prebootCommands != null && Files.isRegularFile(prebootCommands)) {
            command.addAll(List.of("--prebootcommandfile", prebootCommands.toString()));
        }
        command.addAll(List.of("--contextroot", "/", "--deploy", war.toAbsolutePath().toString()));
        process = ServerProcess.start(name(), command, work, environment, logFile(), work.resolve("server.pid"));
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
        process.stop(STOP_TIMEOUT, null);
        process = null;
    }

    @Override
    public String toString() {
        return name() + " at " + baseUri();
    }
}
