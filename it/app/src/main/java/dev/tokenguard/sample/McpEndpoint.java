package dev.tokenguard.sample;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.security.Principal;
import java.util.Map;

/**
 * An MCP server at {@code /mcp} (MCP Java SDK, Streamable HTTP servlet transport). TokenGuard authenticates
 * every request to it like any other; {@link McpScopeFilter} adds the per-tool scopes.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    /** Where the tools find the caller's name in the MCP transport context. */
    static final String CALLER = "caller";

    private McpSyncServer server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .contextExtractor(request -> {
                    Principal caller = request.getUserPrincipal();
                    return McpTransportContext.create(caller == null ? Map.of() : Map.of(CALLER, caller.getName()));
                })
                .build();
        server = McpServer.sync(transport)
                .serverInfo("tokenguard-sample", "0.1.0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(NotesTools.specifications())
                .build();
        ServletRegistration.Dynamic servlet = event.getServletContext().addServlet("mcp", transport);
        servlet.addMapping("/mcp");
        servlet.setAsyncSupported(true);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (server != null) {
            server.closeGracefully();
        }
    }
}
