package dev.tokenguard.it.server;

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
public final class PayaraMicro extends LocalServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> READY = List.of("ready in");
    /** Deployment or boot failures that would otherwise only show up as a timeout. */
    private static final List<String> FAILED = List.of("Exception while loading the app",
            "Exception while deploying the app", "Deployment failed", "Failed to boot");

    private final Path jar;
    private final Path prebootCommands;

    /**
     * @param jar             payara-micro.jar
     * @param prebootCommands an asadmin command file run before boot, or null
     * @param work            a directory of this server's own (root directory, log)
     */
    public PayaraMicro(Path jar, Path prebootCommands, Path work, int httpPort) {
        super("payara", work, httpPort, START_TIMEOUT, STOP_TIMEOUT);
        this.jar = jar.toAbsolutePath();
        this.prebootCommands = prebootCommands == null ? null : prebootCommands.toAbsolutePath();
    }

    @Override
    public Path logFile() {
        return work.resolve("payara.log");
    }

    @Override
    protected ServerProcess launch(Path war, Map<String, String> environment) throws Exception {
        requireFile(jar, "payara-micro.jar");
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
        return startProcess(command, environment);
    }

    @Override
    protected void awaitReady(ServerProcess process, Waits.Deadline deadline) throws Exception {
        Waits.forLogLines(process, new Waits.LogScanner(logFile()), READY, FAILED, deadline);
    }
}
