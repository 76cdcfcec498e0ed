package dev.tokenguard.sample;

import dev.tokenguard.jakarta.ScopeEnforcer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every MCP request needs a valid token (401 with a challenge otherwise); a {@code tools/call} also needs the
 * tool's scopes ({@link NotesTools#SCOPES}), else 403 {@code insufficient_scope} naming them, as the MCP
 * authorization specification (2025-11-25) asks. The JSON-RPC body is read once here and replayed to the MCP
 * servlet. The checks themselves are TokenGuard's ({@link ScopeEnforcer}); only the tool-to-scope table is
 * the application's.
 */
@WebFilter(urlPatterns = "/mcp", asyncSupported = true)
public class McpScopeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    ScopeEnforcer scopes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            if (scopes.require(request, response, List.of())) {
                chain.doFilter(request, response);
            }
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        if (scopes.require(request, response, List.copyOf(toolScopes(body)))) {
            chain.doFilter(new ReplayedBody(request, body), response);
        }
    }

    /** The scopes of every tool called in a JSON-RPC message (or batch); none for anything else. */
    static Set<String> toolScopes(byte[] body) {
        Set<String> needed = new LinkedHashSet<>();
        JsonValue message;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            message = reader.readValue();
        } catch (JsonException | IllegalStateException notJson) {
            return needed; // the MCP server answers malformed JSON-RPC itself
        }
        List<JsonValue> messages = message.getValueType() == JsonValue.ValueType.ARRAY
                ? message.asJsonArray() : List.of(message);
        for (JsonValue m : messages) {
            if (m instanceof JsonObject o && "tools/call".equals(o.getString("method", ""))
                    && o.get("params") instanceof JsonObject params) {
                needed.addAll(NotesTools.SCOPES.getOrDefault(params.getString("name", ""), List.of()));
            }
        }
        return needed;
    }

    /** The request with its body, already read, available again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has already been read; read it synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
