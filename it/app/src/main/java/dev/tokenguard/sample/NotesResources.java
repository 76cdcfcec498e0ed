package dev.tokenguard.sample;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;

/**
 * The sample's MCP resources and prompts; their scopes are configuration ({@code tokenguard.mcp.resources.*},
 * {@code tokenguard.mcp.prompts.*}): the index and the summary prompt need {@code read}, the audit log and the purge
 * prompt {@code admin}.
 */
final class NotesResources {

    private NotesResources() {
    }

    static List<SyncResourceSpecification> resources() {
        return List.of(resource("notes://index", "index", "first note; second note"),
                resource("notes://audit-log", "audit-log", "note 1 deleted by admin-client"));
    }

    static List<SyncPromptSpecification> prompts() {
        return List.of(prompt("summarize_notes", "Summarize the notes."),
                prompt("purge_notes", "Delete every note older than a year."));
    }

    private static SyncResourceSpecification resource(String uri, String name, String text) {
        return new SyncResourceSpecification(Resource.builder().uri(uri).name(name).mimeType("text/plain").build(),
                (exchange, request) -> new ReadResourceResult(List.of(new TextResourceContents(uri, "text/plain",
                        text))));
    }

    private static SyncPromptSpecification prompt(String name, String text) {
        return new SyncPromptSpecification(new Prompt(name, text, List.of()),
                (exchange, request) -> new GetPromptResult(text,
                        List.of(new PromptMessage(Role.USER, new TextContent(text)))));
    }
}
