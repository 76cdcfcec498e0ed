package dev.tokenguard.it.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An external process (a server, or the script that runs it) whose stdout and stderr go to a log file, and which
 * is stopped together with every process it started. A JVM shutdown hook stops whatever is still running when the
 * test JVM exits, so an aborted run leaves no server behind (a SIGKILLed test JVM cannot run hooks, though).
 */
final class ServerProcess {

    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(ServerProcess::stopAllRunning, "tokenguard-it-server-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private final String label;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ServerProcess(String label, Process process, Path logFile, Path pidFile) {
        this.label = label;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} in {@code directory} with the inherited environment plus {@code environment} (a null
     * value removes a variable); stdout and stderr both go to {@code logFile} (truncated first), stdin is empty.
     *
     * @param pidFile null, or where to note the process, so that the next start in the same place can stop what a
     *                killed test JVM left running: call {@link #stopLeftover} first
     */
    static ServerProcess start(String label, List<String> command, Path directory, Map<String, String> environment,
            Path logFile, Path pidFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.deleteIfExists(logFile);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        ServerProcess started = new ServerProcess(label, builder.start(), logFile, pidFile);
        RUNNING.add(started);
        if (pidFile != null) {
            ProcessHandle handle = started.process.toHandle();
            Files.writeString(pidFile, handle.pid() + " " + handle.info().startInstant().map(Object::toString)
                    .orElse("?") + "\n");
        }
        return started;
    }

    /**
     * Stops the process noted in {@code pidFile} and its descendants, if it still runs (same pid and same start
     * time): a server left behind by a test JVM that was killed before its shutdown hook could run.
     */
    static void stopLeftover(String label, Path pidFile) {
        String[] noted;
        try {
            noted = Files.readString(pidFile).strip().split(" ");
            Files.delete(pidFile);
        } catch (IOException e) {
            return;
        }
        try {
            Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(noted[0]))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> noted.length > 1 && p.info().startInstant().map(Object::toString)
                            .orElse("?").equals(noted[1]));
            if (leftover.isPresent()) {
                System.err.println("[tokenguard-it] stopping a " + label + " left over from an earlier run (pid "
                        + leftover.get().pid() + ")");
                List<ProcessHandle> tree = new ArrayList<>();
                tree.add(leftover.get());
                leftover.get().descendants().forEach(tree::add);
                tree.forEach(ProcessHandle::destroy);
                awaitExit(tree, Duration.ofSeconds(30));
                tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                awaitExit(tree, Duration.ofSeconds(10));
            }
        } catch (NumberFormatException e) {
            // not our format: ignore
        }
    }

    /** Runs {@code command} to completion (for CLI tools), output to {@code logFile}; returns the exit code. */
    static int run(String label, List<String> command, Path directory, Map<String, String> environment,
            Path logFile, Duration timeout) throws IOException, InterruptedException {
        ServerProcess tool = start(label, command, directory, environment, logFile, null);
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(label + " did not finish within " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + Waits.tail(logFile));
            }
            return tool.process.exitValue();
        } finally {
            tool.stop(Duration.ofSeconds(5), null);
        }
    }

    String label() {
        return label;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the process tree: runs {@code gracefulStop} if given (e.g. {@code bin/server stop}), else sends SIGTERM
     * to the process and its descendants; waits up to {@code grace}; then SIGKILLs whatever of the tree is left.
     * The tree is taken before anything is stopped: once a parent exits, its children are no longer its
     * descendants. Safe to call more than once.
     *
     * @return how long the process took to end
     */
    Duration stop(Duration grace, Runnable gracefulStop) {
        long begin = System.nanoTime();
        List<ProcessHandle> tree = tree();
        try {
            if (tree.stream().anyMatch(ProcessHandle::isAlive)) {
                if (gracefulStop != null) {
                    try {
                        gracefulStop.run();
                    } catch (RuntimeException e) {
                        System.err.println("[tokenguard-it] graceful stop of " + label + " failed: " + e);
                    }
                } else {
                    // SIGTERM to all at once: the JVMs run their shutdown hooks; scripts either forward the signal
                    // or die, which does not matter since their children got it too.
                    tree.forEach(ProcessHandle::destroy);
                }
                awaitExit(tree, grace);
                List<ProcessHandle> left = tree.stream().filter(ProcessHandle::isAlive).toList();
                if (!left.isEmpty()) {
                    System.err.println("[tokenguard-it] " + label + " did not stop within " + grace.toSeconds()
                            + " s; killing " + left.stream().map(p -> Long.toString(p.pid())).toList());
                    left.forEach(ProcessHandle::destroyForcibly);
                    awaitExit(left, Duration.ofSeconds(10));
                }
            }
        } finally {
            RUNNING.remove(this);
            if (pidFile != null && tree.stream().noneMatch(ProcessHandle::isAlive)) {
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    // the next start checks the pid and start time anyway
                }
            }
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** This process and all its descendants. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        return tree;
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                return; // timeout: the caller kills what is left
            }
        }
    }

    private static void stopAllRunning() {
        List<ServerProcess> left = new ArrayList<>(RUNNING);
        for (ServerProcess p : left) {
            System.err.println("[tokenguard-it] JVM exit: stopping " + p.label + " (pid " + p.pid() + ")");
        }
        // in parallel: the hook must be quick
        List<Thread> stoppers = new ArrayList<>();
        for (ServerProcess p : left) {
            Thread t = new Thread(() -> p.stop(Duration.ofSeconds(15), null), "stop-" + p.label);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return label + " (pid " + process.pid() + ", log " + logFile + ")";
    }

    /** Deletes a file or a directory tree; nothing if it does not exist. */
    static void deleteRecursively(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
