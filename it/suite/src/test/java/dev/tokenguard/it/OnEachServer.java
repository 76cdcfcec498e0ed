package dev.tokenguard.it;

import dev.tokenguard.it.server.AppServer;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * A black-box test class that runs once per selected server ({@link Servers#selected}; the subclass says so with
 * {@code @ParameterizedClass} and {@code @MethodSource("dev.tokenguard.it.Servers#selected")}), against the sample
 * application and the shared test issuer; the audience tokens need is the application's own base URI.
 */
abstract class OnEachServer {

    @Parameter
    String serverName;

    AppServer server;
    TestIssuer issuer;
    String audience;

    @BeforeEach
    final void startServer() {
        server = Servers.get(serverName);
        issuer = Servers.issuer();
        audience = server.baseUri().toString();
    }

    URI uri(String path) {
        return URI.create(audience + path);
    }
}
