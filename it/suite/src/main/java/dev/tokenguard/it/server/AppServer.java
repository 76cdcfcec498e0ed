package dev.tokenguard.it.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real application server running the sample WAR at the root context ("/"), configured by environment
 * variables (MicroProfile Config reads {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} for
 * {@code mp.jwt.verify.publickey.location}, and so on).
 */
public interface AppServer extends AutoCloseable {

    /** {@code liberty}, {@code wildfly} or {@code payara}. */
    String name();

    /** Where the application answers, e.g. {@code http://127.0.0.1:19080}; no trailing slash. */
    URI baseUri();

    /**
     * Starts the server with {@code war} deployed at "/", and returns once the application answers.
     *
     * @throws Exception with the tail of the server log when it does not come up in time
     */
    void start(Path war, Map<String, String> environment) throws Exception;

    /** Stops the server (gracefully, then forcibly); safe to call twice or when not started. */
    void stop();

    /** The server's log, for diagnostics. */
    Path logFile();

    @Override
    default void close() {
        stop();
    }
}
