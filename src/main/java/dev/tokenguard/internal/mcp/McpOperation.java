package dev.tokenguard.internal.mcp;

import dev.tokenguard.mcp.McpScopes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one JSON-RPC message asks of an MCP server, as far as scopes go: its method and what the method acts on.
 *
 * @param method  the JSON-RPC method, or null for a response the client sends back
 * @param tool    the tool a {@code tools/call} calls, else null
 * @param resource the resource URI a {@code resources/read} (subscribe, unsubscribe, completion) names, else null
 * @param prompt  the prompt a {@code prompts/get} (or completion) names, else null
 */
record McpOperation(String method, String tool, String resource, String prompt) {

    /** Whether the answer lists resources, resource templates or prompts (tool lists are the SDK's to filter). */
    boolean listsResourcesOrPrompts() {
        return "resources/list".equals(method) || "resources/templates/list".equals(method)
                || "prompts/list".equals(method);
    }

    /** The scopes every operation of a message or batch needs together. */
    static List<String> scopesFor(List<McpOperation> operations, McpScopes rules) {
        Set<String> needed = new LinkedHashSet<>();
        for (McpOperation op : operations) {
            if (op.tool != null) {
                needed.addAll(rules.forTool(op.tool));
            }
            if (op.resource != null) {
                needed.addAll(rules.forResource(op.resource));
            }
            if (op.prompt != null) {
                needed.addAll(rules.forPrompt(op.prompt));
            }
        }
        return List.copyOf(needed);
    }
}
