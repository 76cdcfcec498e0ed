package dev.tokenguard.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The token endpoint of {@link TestIssuer}: the client-credentials grant (RFC 6749 §4.4) for the registered
 * clients, with client authentication by HTTP Basic or form fields, {@code scope} limited to what the client
 * may have, and the RFC 8707 {@code resource} parameter as the token's audience.
 */
final class TokenEndpoint implements HttpHandler {

    private static final long LIFETIME_SECONDS = 3600;

    private final TestIssuer issuer;

    TokenEndpoint(TestIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            TestIssuer.send(exchange, 405, error("invalid_request", "use POST"));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readNBytes(64 * 1024),
                StandardCharsets.UTF_8));
        TestIssuer.Client client = authenticate(exchange.getRequestHeaders().getFirst("Authorization"), form);
        if (client == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test-issuer\"");
            TestIssuer.send(exchange, 401, error("invalid_client", "unknown client or wrong secret"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            TestIssuer.send(exchange, 400, error("unsupported_grant_type", "only client_credentials"));
            return;
        }
        List<String> scopes = form.containsKey("scope") && !form.get("scope").isBlank()
                ? Arrays.asList(form.get("scope").trim().split("\\s+")) : client.scopes();
        if (!client.scopes().containsAll(scopes)) {
            TestIssuer.send(exchange, 400, error("invalid_scope", "the client may have " + client.scopes()));
            return;
        }
        String resource = form.get("resource");
        if (resource == null || resource.isBlank()) {
            TestIssuer.send(exchange, 400, error("invalid_target", "name the resource (RFC 8707)"));
            return;
        }
        String token = issuer.token(resource).subject(client.id()).claim("client_id", client.id())
                .scopes(scopes.toArray(String[]::new)).expiresInSeconds(LIFETIME_SECONDS).create();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", LIFETIME_SECONDS);
        body.put("scope", String.join(" ", scopes));
        TestIssuer.send(exchange, 200, JsonUtil.toJson(body));
    }

    private static TestIssuer.Client authenticate(String authorization, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8).split(":", 2);
            if (pair.length == 2) {
                id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
                secret = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
            }
        }
        for (TestIssuer.Client c : TestIssuer.CLIENTS) {
            if (c.id().equals(id) && c.secret().equals(secret)) {
                return c;
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String error(String code, String description) {
        return JsonUtil.toJson(Map.of("error", code, "error_description", description));
    }
}
