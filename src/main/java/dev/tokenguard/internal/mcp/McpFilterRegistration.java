package dev.tokenguard.internal.mcp;

import dev.tokenguard.internal.config.McpSettings;
import dev.tokenguard.jakarta.ScopeEnforcer;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import java.util.logging.Logger;

/**
 * Puts {@link McpAuthorizationFilter} in front of the MCP endpoint when {@code tokenguard.mcp.endpoint} is set
 * (declared in TokenGuard's web-fragment.xml). Mapped to the path and everything below it: the SDK's servlet
 * serves any request URI that ends with its endpoint, so a servlet mapped to {@code /mcp/*} must not be reachable
 * around the filter.
 */
public class McpFilterRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    @Inject
    McpRules rules;

    @Inject
    ScopeEnforcer enforcer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        McpSettings settings = rules.settings();
        if (settings.endpoint() == null) {
            return;
        }
        FilterRegistration.Dynamic filter = event.getServletContext()
                .addFilter("tokenguard-mcp", new McpAuthorizationFilter(enforcer, settings));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, settings.endpoint(),
                settings.endpoint() + "/*");
        LOG.info(() -> "TokenGuard: MCP endpoint " + settings.endpoint() + " guarded, " + settings.scopes());
    }
}
