package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.it.server.AppServer;
import dev.tokenguard.it.server.AppServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample's MCP server (MCP Java SDK) behind TokenGuard, driven by two clients nobody on this team wrote: the
 * official MCP TypeScript SDK and the MCP Inspector's CLI, in {@code it/mcp-client} (installed by the build with
 * {@code npm ci} from its lock file). Each server gets its own instance whose resource is its MCP endpoint, {@code <base>/mcp}, so
 * that tokens must be issued for exactly that (RFC 8707).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.tokenguard.it.Servers#selected")
class McpIT {

    @Parameter
    String serverName;

    private AppServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theOfficialTypeScriptClientAndTheInspectorCli() throws Exception {
        TestIssuer issuer = Servers.issuer();
        server = AppServers.create(serverName, Servers.path("it.servers.dir"), Servers.path("it.config.dir"),
                Servers.path("it.work.dir").resolve("mcp-" + serverName), AppServers.defaultPort(serverName) + 25);
        String mcpUrl = server.baseUri() + "/mcp";
        Map<String, String> env = AppEnvironment.forIssuer(issuer.jwksUri(), java.net.URI.create(mcpUrl),
                issuer.issuer());
        server.start(Servers.war(), env);

        Map<String, String> clientEnv = Map.of(
                "MCP_URL", mcpUrl,
                "ISSUER_URL", issuer.issuer(),
                "READ_TOKEN", issuer.token(mcpUrl).subject("alice").scopes("read").create(),
                "ADMIN_TOKEN", issuer.token(mcpUrl).subject("bob").scopes("read", "admin").create(),
                "EXPIRED_TOKEN", issuer.token(mcpUrl).scopes("read", "admin").expiresInSeconds(-600).create(),
                "OTHER_RESOURCE_TOKEN", issuer.token("https://another-mcp-server.example/mcp").scopes("read", "admin")
                        .create(),
                "CLIENT_ID", "admin-client",
                "CLIENT_SECRET", "admin-secret");
        Result result = runNodeTests(clientEnv);
        System.out.println("--- MCP TypeScript SDK client on " + serverName + " ---\n" + result.output());
        assertEquals(0, result.exitCode(), "node --test failed on " + serverName + ":\n" + result.output());
        assertTrue(result.output().contains("# fail 0") && result.output().contains("# pass 12"), result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runNodeTests(Map<String, String> env) throws IOException, InterruptedException {
        Path dir = Servers.path("it.mcp.client.dir");
        Path log = Files.createTempFile("mcp-client", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "--test", "--test-reporter=tap",
                "mcp-client.test.mjs", "inspector-cli.test.mjs")).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process node = builder.start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            return new Result(-1, "timed out after 180 s\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(node.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
