package dev.tokenguard.internal.mcp;

import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.internal.config.McpSettings;
import dev.tokenguard.mcp.McpScopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's MCP settings: {@code tokenguard.mcp.*} and the {@link McpScopes} the application produces, if it
 * does, read once.
 */
@ApplicationScoped
public class McpRules {

    @Inject
    Instance<McpScopes> applicationRules;

    private volatile McpSettings settings;

    /**
     * @throws ConfigurationException when the configuration is wrong, or it and the application's code declare the
     *                                same operation
     */
    public McpSettings settings() {
        McpSettings s = settings;
        if (s == null) {
            McpSettings configured = McpSettings.read(ConfigProvider.getConfig());
            McpScopes rules = configured.scopes();
            if (applicationRules.isAmbiguous()) {
                throw new ConfigurationException("tokenguard.mcp", "the application produces more than one "
                        + "McpScopes bean; produce one, or none and configure tokenguard.mcp.* instead");
            }
            if (applicationRules.isResolvable()) {
                try {
                    rules = rules.and(applicationRules.get());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("tokenguard.mcp", e.getMessage()
                            + " (in configuration and in the application's McpScopes)");
                }
            }
            s = new McpSettings(configured.endpoint(), rules, configured.maxMessageBytes());
            settings = s;
        }
        return s;
    }
}
