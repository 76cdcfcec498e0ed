package dev.tokenguard.it.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the three servers share: a work directory of their own, an HTTP port on 127.0.0.1, one process (started
 * once, never twice), a leftover of an earlier run stopped first, a start that ends when the application answers
 * {@code /api/public} (or fails with the log's tail and stops what it started), and a stop that is safe to repeat.
 * A subclass lays out its files and starts its process ({@link #launch}), says when its log shows it is ready
 * ({@link #awaitReady}) and, if it has one, how to ask it to stop ({@link #gracefulStop}).
 */
abstract class LocalServer implements AppServer {

    private final String name;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    protected final Path work;
    protected final int httpPort;
    private ServerProcess process;

    protected LocalServer(String name, Path work, int httpPort, Duration startTimeout, Duration stopTimeout) {
        this.name = name;
        this.work = work.toAbsolutePath();
        this.httpPort = httpPort;
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    @Override
    public final synchronized void start(Path war, Map<String, String> environment) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running: " + process);
        }
        requireFile(war, "WAR");
        Waits.Deadline deadline = Waits.Deadline.in(startTimeout);
        ServerProcess.stopLeftover(name, pidFile());
        Waits.checkPortFree(name, httpPort);
        process = launch(war, environment);
        try {
            awaitReady(process, deadline);
            Waits.forHttp(process, baseUri(), "/api/public", deadline);
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @Override
    public final synchronized void stop() {
        if (process == null) {
            return;
        }
        process.stop(stopTimeout, gracefulStop());
        process = null;
    }

    /** Prepares the server's files and starts its process with the WAR at "/" and {@code environment}. */
    protected abstract ServerProcess launch(Path war, Map<String, String> environment) throws Exception;

    /** Returns once the server's own signs of readiness are there; throws when it failed or time ran out. */
    protected abstract void awaitReady(ServerProcess process, Waits.Deadline deadline) throws Exception;

    /** A command that stops the server cleanly, or null for SIGTERM (then SIGKILL after the stop timeout). */
    protected Runnable gracefulStop() {
        return null;
    }

    protected Duration stopTimeout() {
        return stopTimeout;
    }

    /** Starts {@code command} in the work directory, its output into {@link #logFile()}, its pid recorded. */
    protected final ServerProcess startProcess(List<String> command, Map<String, String> environment)
            throws java.io.IOException {
        return ServerProcess.start(name, command, work, environment, logFile(), pidFile());
    }

    private Path pidFile() {
        return work.resolve("server.pid");
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " not found: " + file.toAbsolutePath());
        }
    }

    @Override
    public String toString() {
        return name + " at " + baseUri();
    }
}
