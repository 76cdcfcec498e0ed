package dev.tokenguard.internal.config;

import static dev.tokenguard.config.ConfigKeys.*;

import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.mcp.McpScopes;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * The MCP endpoint TokenGuard guards and the scopes of its operations, from {@code tokenguard.mcp.*}.
 *
 * @param endpoint        the servlet path of the MCP server ({@code /mcp}), or null: no MCP filter
 * @param scopes          the rules of configuration (code may add its own)
 * @param maxMessageBytes the largest body accepted on the endpoint
 */
public record McpSettings(String endpoint, McpScopes scopes, int maxMessageBytes) {

    /** 1 MiB: MCP messages are small; the MCP Java SDK's own limit is 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    public static McpSettings read(Config config) {
        ConfigValues values = new ConfigValues(config);
        String endpoint = values.string(MCP_ENDPOINT).orElse(null);
        if (endpoint != null && (!endpoint.startsWith("/") || endpoint.contains("*") || endpoint.contains("?"))) {
            throw new ConfigurationException(MCP_ENDPOINT, "expects the MCP server's path in the application, such as "
                    + "/mcp, not \"" + endpoint + "\"");
        }
        int max = values.integer(MCP_MAX_MESSAGE_SIZE).orElse(DEFAULT_MAX_MESSAGE_SIZE);
        if (max < 1024) {
            throw new ConfigurationException(MCP_MAX_MESSAGE_SIZE, "expects at least 1024 bytes, not " + max);
        }
        McpScopes.Builder rules = McpScopes.builder();
        // Sorted, so that an error names the same entry on every server.
        for (String name : new TreeSet<>(propertyNames(config))) {
            try {
                if (name.startsWith(MCP_TOOLS)) {
                    rules.tool(name.substring(MCP_TOOLS.length()), values.list(name));
                } else if (name.startsWith(MCP_RESOURCES)) {
                    rules.resource(name.substring(MCP_RESOURCES.length()), values.list(name));
                } else if (name.startsWith(MCP_PROMPTS)) {
                    rules.prompt(name.substring(MCP_PROMPTS.length()), values.list(name));
                } else if (name.equals(MCP_UNLISTED)) {
                    rules.unlisted(values.list(name));
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name, e.getMessage());
            }
        }
        return new McpSettings(endpoint, rules.build(), max);
    }

    private static List<String> propertyNames(Config config) {
        List<String> names = new java.util.ArrayList<>();
        config.getPropertyNames().forEach(names::add);
        return names;
    }
}
