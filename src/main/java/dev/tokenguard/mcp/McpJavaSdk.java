package dev.tokenguard.mcp;

import dev.tokenguard.AccessToken;
import dev.tokenguard.internal.mcp.McpAccess;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;

/**
 * TokenGuard for a server built on the MCP Java SDK (2.1 or later) and its servlet transport: the caller's
 * {@link AccessToken} in the SDK's transport context, where every tool, resource and prompt handler can read it, and
 * a tool list that shows each caller only the tools its token may call.
 *
 * <pre>{@code
 * var transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp")
 *         .contextExtractor(McpJavaSdk.contextExtractor())
 *         .build();
 * McpServer.sync(transport).tools(...).addToolFilter(McpJavaSdk.toolFilter()).build();
 *
 * // in a tool handler:
 * AccessToken caller = McpJavaSdk.accessToken(exchange.transportContext()).orElseThrow();
 * }</pre>
 *
 * <p>Only an application that calls this class loads it, and only such an application needs the SDK: the rest of
 * TokenGuard never refers to it.
 */
public final class McpJavaSdk {

    /** The key of the caller's {@link AccessToken} in the transport context. */
    public static final String ACCESS_TOKEN = AccessToken.class.getName();

    private static final String ACCESS = McpAccess.ATTRIBUTE;

    private McpJavaSdk() {
    }

    /**
     * Puts the caller's {@link AccessToken} into each request's transport context (nothing for a request that
     * TokenGuard's MCP filter did not admit, which does not reach the server).
     */
    public static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
        return request -> McpTransportContext.create(contextValues(request));
    }

    /**
     * What {@link #contextExtractor()} puts into the context, for an application that adds its own values:
     * {@code McpTransportContext.create(merge(McpJavaSdk.contextValues(request), mine))}.
     */
    public static Map<String, Object> contextValues(HttpServletRequest request) {
        if (request.getAttribute(ACCESS) instanceof McpAccess access) {
            return Map.of(ACCESS_TOKEN, access.token(), ACCESS, access);
        }
        return Map.of();
    }

    /** The caller's token, from a transport context that {@link #contextExtractor()} filled. */
    public static Optional<AccessToken> accessToken(McpTransportContext context) {
        return context != null && context.get(ACCESS_TOKEN) instanceof AccessToken token
                ? Optional.of(token) : Optional.empty();
    }

    /**
     * Shows a caller only the tools its token may call (the same rules TokenGuard enforces on {@code tools/call});
     * no tool at all without a context from {@link #contextExtractor()}.
     */
    public static McpSyncListFilter<McpSchema.Tool> toolFilter() {
        return (context, tool) -> context != null && context.get(ACCESS) instanceof McpAccess access
                && access.mayCallTool(tool.name());
    }
}
