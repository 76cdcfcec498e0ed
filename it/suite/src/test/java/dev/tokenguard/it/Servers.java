package dev.tokenguard.it;

import dev.tokenguard.it.server.AppServer;
import dev.tokenguard.it.server.AppServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers under test, each started once per test run (on first use) with the sample WAR, configured for
 * the shared {@link TestIssuer}, and stopped when the test JVM ends. {@code -Dit.servers=liberty} narrows the
 * run to one server.
 */
final class Servers {

    private static final Map<String, AppServer> RUNNING = new LinkedHashMap<>();
    private static TestIssuer issuer;

    private Servers() {
    }

    /** The names of the servers to test, in order. */
    static List<String> selected() {
        return Arrays.stream(System.getProperty("it.servers", "liberty,wildfly,payara").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static synchronized TestIssuer issuer() {
        if (issuer == null) {
            try {
                issuer = new TestIssuer(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return issuer;
    }

    /** The running server {@code name}, started on first use. */
    static synchronized AppServer get(String name) {
        AppServer server = RUNNING.get(name);
        if (server == null) {
            server = AppServers.create(name, path("it.servers.dir"), path("it.config.dir"),
                    path("it.work.dir").resolve(name), AppServers.defaultPort(name));
            try {
                server.start(war(), AppEnvironment.forTests(issuer().jwksUri(), server.baseUri(), issuer().issuer()));
            } catch (Exception e) {
                server.stop();
                throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
            }
            RUNNING.put(name, server);
            if (RUNNING.size() == 1) {
                Runtime.getRuntime().addShutdownHook(new Thread(Servers::stopAll, "stop-servers"));
            }
        }
        return server;
    }

    static Path war() {
        return Path.of(System.getProperty("it.war"));
    }

    static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the suite with Maven"
                    + " (mvn verify in it/)");
        }
        return Path.of(value);
    }

    private static synchronized void stopAll() {
        RUNNING.values().forEach(AppServer::stop);
        RUNNING.clear();
        if (issuer != null) {
            issuer.close();
        }
    }
}
