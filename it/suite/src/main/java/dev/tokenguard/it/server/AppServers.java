package dev.tokenguard.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Creates the servers by name, with the layout of the suite's build (see it/suite/pom.xml). */
public final class AppServers {

    public static final List<String> NAMES = List.of("liberty", "wildfly", "payara");

    private AppServers() {
    }

    /**
     * @param name       {@code liberty}, {@code wildfly} or {@code payara}
     * @param serversDir where the servers are unpacked ({@code it.servers.dir}): {@code wlp/},
     *                   {@code wildfly-<version>/}, {@code payara/payara-micro.jar}
     * @param configDir  the per-server configuration ({@code it.config.dir} = it/servers): {@code liberty/server.xml},
     *                   {@code wildfly/configure.cli}, {@code payara/preboot.asadmin}
     * @param workDir    where servers keep their state and logs ({@code it.work.dir}); each server uses
     *                   {@code <name>-<httpPort>/} in it
     * @param httpPort   the application's port on 127.0.0.1 (WildFly: 8080 or above, see {@link WildFly})
     */
    public static AppServer create(String name, Path serversDir, Path configDir, Path workDir, int httpPort) {
        Path work = workDir.resolve(name + "-" + httpPort);
        return switch (name) {
            case "liberty" -> new OpenLiberty(serversDir.resolve("wlp"), configDir.resolve("liberty/server.xml"),
                    work, httpPort);
            case "wildfly" -> new WildFly(installation(serversDir, "wildfly-", System.getProperty("wildfly.version")),
                    configDir.resolve("wildfly/configure.cli"), work, httpPort);
            case "payara" -> new PayaraMicro(serversDir.resolve("payara/payara-micro.jar"),
                    configDir.resolve("payara/preboot.asadmin"), work, httpPort);
            default -> throw new IllegalArgumentException("unknown server \"" + name + "\"; known: " + NAMES);
        };
    }

    /** The ports the suite uses unless told otherwise: liberty 19080, wildfly 19180, payara 19280. */
    public static int defaultPort(String name) {
        return switch (name) {
            case "liberty" -> 19080;
            case "wildfly" -> 19180;
            case "payara" -> 19280;
            default -> throw new IllegalArgumentException("unknown server \"" + name + "\"; known: " + NAMES);
        };
    }

    /** {@code serversDir/<prefix><version>}, or the only {@code <prefix>*} folder there when version is null. */
    static Path installation(Path serversDir, String prefix, String version) {
        if (version != null && !version.isBlank()) {
            Path exact = serversDir.resolve(prefix + version);
            if (Files.isDirectory(exact)) {
                return exact;
            }
        }
        try (Stream<Path> list = Files.list(serversDir)) {
            List<Path> found = list.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + "* installation in " + serversDir
                        + (version == null ? "" : " (version " + version + ")") + ", found " + found
                        + "; run the suite's build (mvn generate-resources) to unpack the servers");
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + serversDir, e);
        }
    }
}
