package dev.tokenguard.internal.mcp;

import dev.tokenguard.AccessToken;
import dev.tokenguard.mcp.McpScopes;

/**
 * The caller of one MCP request and what the rules let it do: put on the request by {@link McpAuthorizationFilter}
 * for what runs after it (the MCP SDK's transport context, the tool list filter).
 *
 * @param token the caller's verified token
 * @param rules the scopes of each operation
 */
public record McpAccess(AccessToken token, McpScopes rules) {

    /** The request attribute that holds it. */
    public static final String ATTRIBUTE = McpAccess.class.getName();

    public boolean mayCallTool(String name) {
        return token.scopes().containsAll(rules.forTool(name));
    }

    public boolean mayReadResource(String uri) {
        return token.scopes().containsAll(rules.forResource(uri));
    }

    public boolean mayGetPrompt(String name) {
        return token.scopes().containsAll(rules.forPrompt(name));
    }
}
