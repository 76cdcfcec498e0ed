package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.config.McpSettings;
import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.internal.mcp.McpRules;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 9728 protected-resource metadata: how a client finds the authorization server for this resource.
 *
 * <p>Served where RFC 9728 §3.1 puts it, the well-known path followed by the resource's path (for
 * {@code https://host/mcp}: {@code /.well-known/oauth-protected-resource/mcp}), and at the bare well-known path,
 * where MCP clients look when the first gives nothing. Any other path below it is 404: RFC 9728 §3.3 requires
 * the document's {@code resource} to be the identifier the URL was built from. 404 too when no
 * {@code tokenguard.resource} is configured.
 */
public class ProtectedResourceMetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TokenGuardSettings settings;

    @Inject
    transient McpRules mcp;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.resource() == null || !servesPath(request.getPathInfo(), settings.resource(),
                request.getContextPath())) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = document(settings, mcp.settings()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The bare well-known path, or the resource's own path relative to the application. */
    static boolean servesPath(String pathInfo, String resource, String contextPath) {
        if (pathInfo == null || pathInfo.isEmpty() || pathInfo.equals("/")) {
            return true;
        }
        String expected = Challenges.metadataUrl(resource, contextPath);
        return expected.endsWith(Challenges.METADATA_PATH + pathInfo);
    }

    /** {@code scopes_supported}: the configured scopes and every scope the MCP rules name, each once. */
    static String document(TokenGuardSettings settings, McpSettings mcp) {
        Set<String> scopes = new LinkedHashSet<>(settings.scopesSupported());
        if (mcp.endpoint() != null) {
            scopes.addAll(mcp.scopes().scopesNamed());
        }
        JsonObjectBuilder doc = Json.createObjectBuilder()
                .add("resource", settings.resource())
                .add("authorization_servers", array(settings.authorizationServers()))
                .add("scopes_supported", array(List.copyOf(scopes)))
                .add("bearer_methods_supported", array(List.of("header")));
        return doc.build().toString();
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
