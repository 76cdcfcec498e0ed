package dev.tokenguard.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * MCP step-up as a client goes through it, over plain HTTP so that every status and header shows: a read token is
 * refused {@code delete_note} with 403 and the scope to ask for; a token with that scope, from the authorization
 * server by client credentials, gets it done. {@code ./demo.sh} prints this exchange.
 */
final class McpStepUp {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"demo\",\"version\":\"1\"}}}";
    private static final String DELETE = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"delete_note\",\"arguments\":{\"id\":\"1\"}}}";

    private McpStepUp() {
    }

    /** Runs the exchange and returns its transcript. */
    static String transcript(String mcpUrl, String readToken, String issuer, String clientId, String secret)
            throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        String session = initialize(mcpUrl, readToken);
        HttpResponse<String> refused = post(mcpUrl, readToken, session, DELETE);
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse("(none)");
        out.append("  tools/call delete_note with $READ   -> HTTP ").append(refused.statusCode()).append('\n')
                .append("    WWW-Authenticate: ").append(challenge).append('\n');
        String scope = parameter(challenge, "scope");
        HttpResponse<String> granted = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&resource="
                        + URLEncoder.encode(mcpUrl, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String adminToken = (String) json(granted.body()).get("access_token");
        out.append("  POST ").append(issuer).append("/token (client credentials, scope=").append(scope)
                .append(") -> HTTP ").append(granted.statusCode()).append(", a token with scope \"")
                .append(json(granted.body()).get("scope")).append("\"\n");
        HttpResponse<String> done = post(mcpUrl, adminToken, initialize(mcpUrl, adminToken), DELETE);
        String text = done.body().lines().filter(l -> l.startsWith("data:")).findFirst().orElse(done.body());
        out.append("  tools/call delete_note with it     -> HTTP ").append(done.statusCode()).append(": ")
                .append(text.replaceFirst("^data:\\s*", "")).append('\n');
        return out.toString();
    }

    private static String initialize(String mcpUrl, String token) throws IOException, InterruptedException {
        HttpResponse<String> init = post(mcpUrl, token, null, INITIALIZE);
        if (init.statusCode() != 200) {
            throw new IOException("initialize answered " + init.statusCode());
        }
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(mcpUrl, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    private static HttpResponse<String> post(String url, String token, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String parameter(String challenge, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[ ,]" + name + "=\"([^\"]*)\"").matcher(challenge);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + challenge);
        }
        return m.group(1);
    }

    private static Map<String, Object> json(String text) throws IOException {
        try {
            return JsonUtil.parseJson(text);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IOException("not JSON: " + text, e);
        }
    }
}
