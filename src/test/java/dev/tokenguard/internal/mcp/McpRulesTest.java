package dev.tokenguard.internal.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.mcp.McpScopes;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The rules of an application's McpScopes bean join the configuration's (none here); two such beans are a mistake. */
class McpRulesTest {

    static class AdminTools {
        @Produces
        McpScopes rules() {
            return McpScopes.builder().tool("delete_note", "admin").build();
        }
    }

    static class MoreRules {
        @Produces
        McpScopes rules() {
            return McpScopes.builder().tool("other", "read").build();
        }
    }

    /** The settings McpRules reads in a container with these producers. */
    private static dev.tokenguard.internal.config.McpSettings rules(Class<?>... producers) {
        Weld weld = new Weld().disableDiscovery().addBeanClass(McpRules.class).addBeanClasses(producers);
        WeldContainer container = weld.initialize();
        try {
            return container.select(McpRules.class).get().settings();
        } finally {
            container.shutdown();
        }
    }

    @Test
    void withoutABeanOnlyTheConfigurationCounts() {
        assertEquals(List.of(), rules().scopes().forTool("delete_note"));
        assertNull(rules().endpoint(), "no tokenguard.mcp.endpoint: no filter");
    }

    @Test
    void theApplicationsBeanIsRead() {
        assertEquals(List.of("admin"), rules(AdminTools.class).scopes().forTool("delete_note"));
    }

    @Test
    void twoBeansAreRefusedRatherThanIgnored() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> rules(AdminTools.class, MoreRules.class));
        assertTrue(e.getMessage().contains("more than one McpScopes"), e.getMessage());
    }
}
