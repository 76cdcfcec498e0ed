package dev.tokenguard.sample;

import dev.tokenguard.AccessToken;
import dev.tokenguard.mcp.McpJavaSdk;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools of the sample. Which scope each needs is configuration ({@code tokenguard.mcp.tools.*}), enforced
 * by TokenGuard before a call reaches these handlers; each handler reads the caller's token to say whom it served.
 */
final class NotesTools {

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

    /** The caller, from its token: the user it acts for, else the client itself (client credentials). */
    private static String caller(McpSyncServerExchange exchange) {
        AccessToken token = McpJavaSdk.accessToken(exchange.transportContext()).orElseThrow();
        return token.subject() != null ? token.subject() : token.clientId();
    }
}
