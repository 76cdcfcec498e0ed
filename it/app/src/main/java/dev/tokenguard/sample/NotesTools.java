package dev.tokenguard.sample;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools of the sample, and the scope each needs: reading notes needs {@code read}, deleting one needs
 * {@code admin}. {@link McpScopeFilter} enforces these scopes before a call reaches the MCP server.
 */
final class NotesTools {

    /** Tool name → scopes a token needs to call it. The one place where this rule lives. */
    static final Map<String, List<String>> SCOPES = Map.of(
            "list_notes", List.of("read"),
            "delete_note", List.of("admin"));

    private NotesTools() {
    }

    static List<SyncToolSpecification> specifications() {
        Tool list = Tool.builder().name("list_notes").title("List notes")
                .description("Lists the notes. Needs the read scope.")
                .inputSchema(Map.of("type", "object", "properties", Map.of()))
                .build();
        Tool delete = Tool.builder().name("delete_note").title("Delete a note")
                .description("Deletes a note by id. Needs the admin scope.")
                .inputSchema(Map.of("type", "object",
                        "properties", Map.of("id", Map.of("type", "string", "description", "the note's id")),
                        "required", List.of("id")))
                .build();
        return List.of(
                SyncToolSpecification.builder().tool(list).callHandler((exchange, request) ->
                        CallToolResult.builder()
                                .addTextContent("first note; second note (for " + caller(exchange) + ")")
                                .build()).build(),
                SyncToolSpecification.builder().tool(delete).callHandler((exchange, request) ->
                        CallToolResult.builder()
                                .addTextContent("deleted note " + request.arguments().get("id") + " (by "
                                        + caller(exchange) + ")")
                                .build()).build());
    }

    private static Object caller(io.modelcontextprotocol.server.McpSyncServerExchange exchange) {
        Object caller = exchange.transportContext().get(McpEndpoint.CALLER);
        return caller == null ? "unknown" : caller;
    }
}
