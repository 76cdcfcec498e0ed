package dev.tokenguard.internal.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenguard.AccessToken;
import dev.tokenguard.mcp.McpScopes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource and prompt lists as the MCP SDK writes them, less what the caller may not read. */
class ListFilteringResponseTest {

    private static final McpScopes RULES = McpScopes.builder()
            .resource("notes://index", "read").resource("notes://audit-log", "admin")
            .resource("notes://{id}", "read").resource("secrets://{id}", "admin")
            .prompt("summarize_notes", "read").prompt("purge_notes", "admin").build();

    private static String through(String written, String... scopes) {
        AccessToken token = new AccessToken("t", "client", List.of(scopes), Instant.now().plusSeconds(60), null,
                "alice", Map.of());
        StringWriter sink = new StringWriter();
        PrintWriter writer = new PrintWriter(new ListFilteringResponse.EventFilter(sink, new McpAccess(token, RULES)));
        // As the SDK's sendEvent writes one event: three writes, then a flush.
        for (String event : written.split("(?<=\n\n)")) {
            int cut = event.length() / 2;
            writer.write(event.substring(0, cut));
            writer.write(event.substring(cut));
            writer.flush();
        }
        return sink.toString();
    }

    @Test
    void resourcesTheTokenCannotReadAreLeftOut() {
        String event = "id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"resources\":["
                + "{\"uri\":\"notes://index\",\"name\":\"index\"},{\"uri\":\"notes://audit-log\",\"name\":\"audit\"}]}}\n\n";
        assertEquals("id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"resources\":["
                + "{\"uri\":\"notes://index\",\"name\":\"index\"}]}}\n\n", through(event, "read"));
        assertEquals(event, through(event, "read", "admin"), "everything for read and admin");
        assertEquals("id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"resources\":[]}}\n\n",
                through(event));
    }

    @Test
    void templatesAndPromptsToo() {
        String templates = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"resourceTemplates\":["
                + "{\"uriTemplate\":\"notes://{id}\",\"name\":\"n\"},{\"uriTemplate\":\"secrets://{id}\",\"name\":\"s\"}]}}\n\n";
        assertEquals("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"resourceTemplates\":["
                + "{\"uriTemplate\":\"notes://{id}\",\"name\":\"n\"}]}}\n\n", through(templates, "read"));
        String prompts = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"prompts\":["
                + "{\"name\":\"summarize_notes\"},{\"name\":\"purge_notes\"}],\"nextCursor\":\"c\"}}\n\n";
        assertEquals("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"prompts\":["
                + "{\"name\":\"summarize_notes\"}],\"nextCursor\":\"c\"}}\n\n", through(prompts, "read"));
    }

    @Test
    void otherMessagesPassUnchanged() {
        String notification = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                + "\"params\":{\"resources\":[{\"uri\":\"notes://audit-log\"}]}}\n\n";
        assertEquals(notification, through(notification, "read"));
        String error = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"x\"}}\n\n";
        assertEquals(error, through(error, "read"));
        String notJson = "event: message\ndata: not json\n\n";
        assertEquals(notJson, through(notJson, "read"));
    }
}
