package dev.tokenguard.internal.mcp;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.util.function.Predicate;

/**
 * The answer to {@code resources/list}, {@code resources/templates/list} or {@code prompts/list}, with the entries
 * the caller's token may not read taken out. The MCP Java SDK (2.1.0) filters tool lists per caller
 * ({@code addToolFilter}) but has no such hook for these lists, and its list handlers are private: short of forking
 * it, the answer itself is what can be filtered. The SDK writes each message of the answer as one server-sent
 * event through the response's writer ({@code data: <JSON>}, then a blank line, then a flush); each complete event
 * is read with JSON-P, and a JSON-RPC result's {@code resources}, {@code resourceTemplates} or {@code prompts} array
 * loses the entries {@link McpAccess} refuses. Anything else passes unchanged, so a server that answers some other
 * way lists everything, and reading what it lists is still refused.
 */
final class ListFilteringResponse extends HttpServletResponseWrapper {

    private final McpAccess access;
    private PrintWriter writer;

    ListFilteringResponse(HttpServletResponse response, McpAccess access) {
        super(response);
        this.access = access;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new EventFilter(super.getWriter(), access));
        }
        return writer;
    }

    /** Holds text until a flush, then passes on the complete events in it, filtered, and keeps the rest. */
    static final class EventFilter extends Writer {
        private final Writer out;
        private final McpAccess access;
        private final StringBuilder pending = new StringBuilder();

        EventFilter(Writer out, McpAccess access) {
            this.out = out;
            this.access = access;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            pending.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            pending.append(s, off, off + len);
        }

        @Override
        public void flush() throws IOException {
            int end = pending.lastIndexOf("\n\n");
            if (end >= 0) {
                String events = pending.substring(0, end + 2);
                pending.delete(0, end + 2);
                for (String event : events.split("\n\n")) {
                    out.write(filtered(event));
                    out.write("\n\n");
                }
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.write(pending.toString());
            pending.setLength(0);
            out.close();
        }

        private String filtered(String event) {
            StringBuilder b = new StringBuilder(event.length());
            for (String line : event.split("\n", -1)) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(line.startsWith("data: ") ? "data: " + filteredMessage(line.substring(6)) : line);
            }
            return b.toString();
        }

        /** A JSON-RPC result with the lists filtered; any other text unchanged. */
        String filteredMessage(String json) {
            JsonObject message;
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                message = reader.readObject();
            } catch (JsonException | IllegalStateException notAnObject) {
                return json;
            }
            if (message.containsKey("method") || !(message.get("result") instanceof JsonObject result)) {
                return json;
            }
            JsonObjectBuilder filteredResult = Json.createObjectBuilder(result);
            boolean changed = filter(result, "resources", "uri", access::mayReadResource, filteredResult)
                    | filter(result, "resourceTemplates", "uriTemplate", access::mayReadResource, filteredResult)
                    | filter(result, "prompts", "name", access::mayGetPrompt, filteredResult);
            return changed ? Json.createObjectBuilder(message).add("result", filteredResult).build().toString() : json;
        }

        private static boolean filter(JsonObject result, String list, String key, Predicate<String> visible,
                                      JsonObjectBuilder into) {
            if (!(result.get(list) instanceof jakarta.json.JsonArray entries)) {
                return false;
            }
            JsonArrayBuilder kept = Json.createArrayBuilder();
            for (JsonValue entry : entries) {
                if (entry instanceof JsonObject o && o.get(key) instanceof jakarta.json.JsonString s
                        && visible.test(s.getString())) {
                    kept.add(entry);
                }
            }
            into.add(list, kept);
            return true;
        }
    }
}
