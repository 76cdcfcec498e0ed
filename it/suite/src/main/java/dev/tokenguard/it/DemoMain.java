package dev.tokenguard.it;

import dev.tokenguard.it.server.AppServer;
import dev.tokenguard.it.server.AppServers;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: the sample application protected by TokenGuard on a real server at a fixed port, with a
 * stand-in issuer publishing its keys, and two ready-to-use tokens. Stops everything on Ctrl-C.
 * Run by {@code ./demo.sh} at the repository root.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        String serverName = System.getProperty("demo.server", "liberty");
        int port = Integer.getInteger("demo.port", 9080);
        int issuerPort = Integer.getInteger("demo.issuer.port", 9980);

        TestIssuer issuer = new TestIssuer(issuerPort);
        AppServer server = AppServers.create(serverName, path("it.servers.dir"), path("it.config.dir"),
                path("it.work.dir").resolve("demo-" + serverName), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping " + serverName + " ...");
            server.stop();
            issuer.close();
            stopped.countDown();
        }, "demo-shutdown"));

        System.out.println("Starting the sample application on " + serverName + " at " + server.baseUri()
                + " (this takes a few seconds) ...");
        // The resource is the MCP endpoint's URI: tokens must be issued for it, for the REST API as well.
        String resource = server.baseUri() + "/mcp";
        server.start(Path.of(System.getProperty("it.war")),
                AppEnvironment.forIssuer(issuer.jwksUri(), java.net.URI.create(resource), issuer.issuer()));

        String audience = resource;
        long day = 24 * 3600;
        String read = issuer.token(audience).subject("alice").scopes("read").expiresInSeconds(day).create();
        String admin = issuer.token(audience).subject("bob").scopes("read", "admin").expiresInSeconds(day).create();
        String base = server.baseUri().toString();
        String stepUp;
        try {
            stepUp = McpStepUp.transcript(resource, read, issuer.issuer(), "admin-client", "admin-secret").stripTrailing();
        } catch (Exception e) {
            stepUp = "(the step-up exchange failed: " + e + ")";
        }
        System.out.println("""

                TokenGuard demo is running: %1$s on %2$s, keys published by a demo issuer at %3$s

                Token with scope "read" (alice), valid for 24 h:
                READ=%4$s

                Token with scopes "read admin" (bob), valid for 24 h:
                ADMIN=%5$s

                Try (paste the two assignments above first):
                  curl -i %2$s/api/notes                                            # 401 + WWW-Authenticate challenge
                  curl -i -H "Authorization: Bearer $READ" %2$s/api/notes           # 200
                  curl -i -X DELETE -H "Authorization: Bearer $READ" %2$s/api/notes/1    # 403 insufficient_scope
                  curl -i -X DELETE -H "Authorization: Bearer $ADMIN" %2$s/api/notes/1   # 200
                  curl -s -H "Authorization: Bearer $READ" %2$s/api/whoami          # what TokenGuard injected
                  curl -i -H "Authorization: Bearer broken" %2$s/api/notes          # 401 invalid_token
                  curl -s %2$s/.well-known/oauth-protected-resource/mcp             # RFC 9728 metadata

                MCP server (Streamable HTTP): %2$s/mcp — tools list_notes (scope read) and delete_note (scope admin),
                guarded by configuration alone (tokenguard.mcp.* in the sample's microprofile-config.properties).
                Step-up, as the demo just did it:
                %7$s
                  curl -s -X POST %2$s/mcp -H "Authorization: Bearer $READ" -H 'Content-Type: application/json' \
                       -H 'Accept: application/json, text/event-stream' \
                       -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
                  An MCP client can use $READ or $ADMIN as its bearer token, or get its own: the authorization server
                  %6$s (discovered from the 401 challenge) grants client credentials to admin-client / admin-secret
                  and reader-client / reader-secret. See docs/mcp.md.

                Press Ctrl-C to stop.
                """.formatted(serverName, base, issuer.jwksUri(), read, admin, issuer.issuer(), stepUp));
        stopped.await();
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; start the demo with"
                    + " ./demo.sh");
        }
        return Path.of(value);
    }
}
