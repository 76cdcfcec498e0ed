package dev.tokenguard.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * WildFly with a server base directory of its own under the work directory ({@code -Djboss.server.base.dir}),
 * made fresh for every start from the installation's {@code standalone/configuration} and configured offline by
 * {@code it/servers/wildfly/configure.cli} (embed-server). The result is cached by the digest of the CLI script and
 * the pristine standalone.xml, so the CLI JVM runs once per work directory, not once per start. The WAR is deployed
 * by the deployment scanner as {@code deployments/ROOT.war} (context "/"). Ports: {@code
 * jboss.socket.binding.port-offset} = http port - 8080 (management 9990 + offset). Ready when {@code ROOT.war.deployed}
 * appears (fails at once on {@code ROOT.war.failed}) and the application answers. Stopped with SIGTERM (WildFly
 * shuts down gracefully on it), then SIGKILL.
 */
public final class WildFly extends LocalServer {

    static final int DEFAULT_HTTP_PORT = 8080;
    static final int DEFAULT_MANAGEMENT_PORT = 9990;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path configureCli;

    /**
     * @param home         the WildFly installation
     * @param configureCli the offline CLI script ({@code it/servers/wildfly/configure.cli})
     * @param work         a directory of this server's own (base directory, logs)
     * @param httpPort     8080 or above: the port offset is {@code httpPort - 8080}
     */
    public WildFly(Path home, Path configureCli, Path work, int httpPort) {
        super("wildfly", work, offsetPort(httpPort), START_TIMEOUT, STOP_TIMEOUT);
        this.home = home.toAbsolutePath();
        this.configureCli = configureCli.toAbsolutePath();
    }

    private static int offsetPort(int httpPort) {
        if (httpPort < DEFAULT_HTTP_PORT || DEFAULT_MANAGEMENT_PORT + httpPort - DEFAULT_HTTP_PORT > 65535) {
            throw new IllegalArgumentException("WildFly's http port must be 8080..63625 (it is 8080 + port offset, "
                    + "management 9990 + offset): " + httpPort);
        }
        return httpPort;
    }

    @Override
    public Path logFile() {
        return work.resolve("console.log");
    }

    /** WildFly's own server.log (same lines as the console, plus the boot log). */
    public Path serverLog() {
        return base().resolve("log/server.log");
    }

    public int portOffset() {
        return httpPort - DEFAULT_HTTP_PORT;
    }

    public int managementPort() {
        return DEFAULT_MANAGEMENT_PORT + portOffset();
    }

    private Path base() {
        return work.resolve("standalone");
    }

    @Override
    protected ServerProcess launch(Path war, Map<String, String> environment) throws Exception {
        requireFile(configureCli, "configure.cli");
        Waits.checkPortFree(name() + " (management)", managementPort());

        Path base = base();
        ServerProcess.deleteRecursively(base);
        Files.createDirectories(base.resolve("deployments"));
        copyDirectory(home.resolve("standalone/configuration"), base.resolve("configuration"));
        configure(base);
        Path deployments = base.resolve("deployments");
        Files.copy(war, deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> env = baseEnvironment();
        env.putAll(environment);
        return startProcess(List.of(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + portOffset(),
                "-Djboss.server.base.dir=" + base), env);
    }

    @Override
    protected void awaitReady(ServerProcess process, Waits.Deadline deadline) throws Exception {
        Path deployments = base().resolve("deployments");
        Path deployed = deployments.resolve("ROOT.war.deployed");
        Path failed = deployments.resolve("ROOT.war.failed");
        Waits.until(process, "deployments/ROOT.war.deployed", () -> {
            if (Files.exists(failed)) {
                throw new IllegalStateException(name() + ": deployment failed (ROOT.war.failed): "
                        + readQuietly(failed) + Waits.tail(logFile()));
            }
            return Files.exists(deployed);
        }, deadline);
    }

    /**
     * Puts the configured standalone.xml into {@code base/configuration}: from the cache if this CLI script was
     * already applied to this pristine standalone.xml, else by running the script.
     */
    private void configure(Path base) throws IOException, InterruptedException {
        Path pristine = home.resolve("standalone/configuration/standalone.xml");
        String key = sha256(Files.readString(configureCli) + "\u0000" + Files.readString(pristine));
        Path cached = work.resolve("configured").resolve(key.substring(0, 16) + "-standalone.xml");
        Path target = base.resolve("configuration/standalone.xml");
        if (Files.exists(cached)) {
            Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Path cliLog = work.resolve("configure-cli.log");
        int rc = ServerProcess.run(name() + " configure.cli", List.of(home.resolve("bin/jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + base, "--file=" + configureCli), work, baseEnvironment(), cliLog,
                Duration.ofSeconds(120));
        if (rc != 0) {
            throw new IllegalStateException(name() + ": jboss-cli.sh --file=" + configureCli + " failed with exit code "
                    + rc + Waits.tail(cliLog));
        }
        // the embedded server leaves data/, log/, tmp/ and a history folder: start clean
        for (String dir : List.of("data", "log", "tmp", "configuration/standalone_xml_history")) {
            ServerProcess.deleteRecursively(base.resolve(dir));
        }
        Files.createDirectories(cached.getParent());
        Path partial = cached.resolveSibling(cached.getFileName() + ".tmp");
        Files.copy(target, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Map<String, String> baseEnvironment() {
        Map<String, String> env = new TreeMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("NOPAUSE", "true");
        // standalone.sh runs java in the background and forwards TERM/INT/HUP to it
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        env.put("JBOSS_HOME", home.toString());
        return env;
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
