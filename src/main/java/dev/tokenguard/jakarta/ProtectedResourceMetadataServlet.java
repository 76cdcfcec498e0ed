package dev.tokenguard.jakarta;

import dev.tokenguard.config.TokenGuardSettings;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 9728 protected-resource metadata at {@code /.well-known/oauth-protected-resource} (and below it, for
 * clients that append the resource's path): how a client finds the authorization server for this resource.
 * 404 when no {@code tokenguard.resource} is configured.
 */
public class ProtectedResourceMetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TokenGuardSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.resource() == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = document(settings).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String document(TokenGuardSettings settings) {
        JsonObjectBuilder doc = Json.createObjectBuilder()
                .add("resource", settings.resource())
                .add("authorization_servers", array(settings.authorizationServers()))
                .add("scopes_supported", array(settings.scopesSupported()))
                .add("bearer_methods_supported", array(List.of("header")));
        return doc.build().toString();
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
