package dev.tokenguard.internal.mcp;

import dev.tokenguard.internal.config.McpSettings;
import dev.tokenguard.internal.jakarta.CurrentCaller;
import dev.tokenguard.jakarta.ScopeEnforcer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In front of the MCP server: every request needs a valid token (401 with the challenge); a POSTed JSON-RPC message
 * or batch needs the scopes of each operation in it ({@link McpOperation#scopesFor}), else 403
 * {@code insufficient_scope} naming them, the MCP authorization specification's scope challenge (2025-11-25), so
 * that a client can ask for them. A body that cannot be read the way the MCP SDK reads it ({@link McpMessages}) is
 * refused with 400 and a JSON-RPC parse error; one larger than {@code tokenguard.mcp.max-message-size} with 413.
 * The answer to a list of resources or prompts loses what the caller may not read ({@link ListFilteringResponse}).
 * Nothing of the body is logged: one FINE line per refusal, with its category.
 */
final class McpAuthorizationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private final transient ScopeEnforcer enforcer;
    private final transient McpSettings settings;

    McpAuthorizationFilter(ScopeEnforcer enforcer, McpSettings settings) {
        this.enforcer = enforcer;
        this.settings = settings;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enforcer.require(request, response, List.of())) {
            return; // anonymous: 401, before a byte of the body is read
        }
        McpAccess access = new McpAccess(CurrentCaller.principal(request).accessToken(), settings.scopes());
        request.setAttribute(McpAccess.ATTRIBUTE, access);
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        int max = settings.maxMessageBytes();
        if (request.getContentLengthLong() > max) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, McpMessageException.INVALID_REQUEST,
                    "message too large");
            return;
        }
        String charset = request.getCharacterEncoding();
        if (charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, McpMessageException.PARSE_ERROR,
                    "MCP messages are UTF-8");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(max + 1);
        if (body.length > max) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, McpMessageException.INVALID_REQUEST,
                    "message too large");
            return;
        }
        List<McpOperation> operations;
        try {
            operations = McpMessages.read(body);
        } catch (McpMessageException e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.code(), e.getMessage());
            return;
        }
        List<String> needed = McpOperation.scopesFor(operations, settings.scopes());
        if (enforcer.require(request, response, needed)) {
            chain.doFilter(new ReplayedBody(request, body),
                    operations.stream().anyMatch(McpOperation::listsResourcesOrPrompts)
                            ? new ListFilteringResponse(response, access) : response);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("MCP request refused: insufficient_scope for " + methods(operations));
        }
    }

    /** The methods, which are the client's words but from a fixed vocabulary: only the known ones are named. */
    private static List<String> methods(List<McpOperation> operations) {
        return operations.stream().map(McpOperation::method)
                .map(m -> m == null ? "(response)" : m.matches("[a-z/]{1,40}") ? m : "(other)").toList();
    }

    private static void refuse(HttpServletResponse response, int status, int code, String category)
            throws IOException {
        LOG.fine(() -> "MCP request refused (" + status + "): " + category);
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\""
                + (code == McpMessageException.PARSE_ERROR ? "Parse error: " : "Invalid Request: ") + category
                + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
