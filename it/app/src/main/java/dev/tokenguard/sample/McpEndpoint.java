package dev.tokenguard.sample;

import dev.tokenguard.mcp.McpJavaSdk;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

/**
 * An MCP server at {@code /mcp} (MCP Java SDK, Streamable HTTP servlet transport). TokenGuard guards it by
 * configuration ({@code tokenguard.mcp.*} in microprofile-config.properties: every request needs a token, each tool
 * its scopes); {@link McpJavaSdk} hands the tools the caller's token and lists each caller only its tools.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    private McpSyncServer server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .contextExtractor(McpJavaSdk.contextExtractor())
                .build();
        server = McpServer.sync(transport)
                .serverInfo("tokenguard-sample", "0.1.0")
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build())
                .tools(NotesTools.specifications())
                .resources(NotesResources.resources())
                .prompts(NotesResources.prompts())
                .addToolFilter(McpJavaSdk.toolFilter())
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
