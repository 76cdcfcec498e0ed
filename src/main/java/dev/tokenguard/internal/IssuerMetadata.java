package dev.tokenguard.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An issuer's metadata, found the way OpenID Connect Discovery 1.0 §4 and RFC 8414 §3 say: first
 * {@code <issuer>/.well-known/openid-configuration}, then {@code /.well-known/oauth-authorization-server} inserted
 * before the issuer's path (RFC 8414 §3.1; for an issuer without a path, at the root). The document's {@code issuer}
 * must equal the configured one exactly (RFC 8414 §3.3, OIDC Discovery §4.3): otherwise anyone who can serve a
 * document at such a path could name another issuer's keys. Fetched within the key sets' time and size bounds.
 *
 * @param jwksUri               the issuer's key set, or null when the document names none
 * @param introspectionEndpoint its RFC 7662 endpoint, or null
 */
public record IssuerMetadata(URI jwksUri, URI introspectionEndpoint) {

    /** Where to look, in order. */
    public static List<URI> locations(String issuer) {
        URI uri = URI.create(issuer);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        List<URI> locations = new ArrayList<>();
        locations.add(URI.create(origin + trimmed + "/.well-known/openid-configuration"));
        locations.add(URI.create(origin + "/.well-known/oauth-authorization-server" + trimmed));
        if (!trimmed.isEmpty()) {
            // OpenID Connect's own form for a path, as some servers publish RFC 8414 metadata too.
            locations.add(URI.create(origin + "/.well-known/openid-configuration" + trimmed));
        }
        return locations;
    }

    /**
     * The metadata of {@code issuer}, from the first location that serves a document.
     *
     * @throws IOException why none could be used, for a log line
     */
    public static IssuerMetadata discover(String issuer, BoundedHttp http) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI location : locations(issuer)) {
            BoundedHttp.Response response;
            try {
                response = http.send(HttpRequest.newBuilder(location).header("Accept", "application/json").GET(),
                        IssuerMetadata::refusal);
            } catch (IOException e) {
                failures.add(location.getPath() + ": " + e.getMessage());
                continue;
            }
            return from(issuer, new String(response.body(), StandardCharsets.UTF_8));
        }
        throw new IOException("no metadata for issuer " + issuer + " (" + String.join("; ", failures) + ")");
    }

    /** The document's meaning, or why it cannot be used. */
    public static IssuerMetadata from(String issuer, String json) throws IOException {
        Map<String, Object> doc;
        try {
            doc = PlainValues.parseJsonObject(json);
        } catch (InvalidJson e) {
            throw new IOException("issuer metadata is not a JSON object (" + e.getMessage() + ")");
        }
        if (!issuer.equals(doc.get("issuer"))) {
            throw new IOException("issuer metadata names the issuer " + dev.tokenguard.Verification.quote(
                    doc.get("issuer")) + ", not " + issuer + " (RFC 8414 §3.3): refused");
        }
        return new IssuerMetadata(uri(doc.get("jwks_uri"), "jwks_uri"),
                uri(doc.get("introspection_endpoint"), "introspection_endpoint"));
    }

    private static URI uri(Object value, String member) throws IOException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IOException("issuer metadata's " + member + " is not a string");
        }
        try {
            return HttpUris.absolute(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("issuer metadata's " + member + " is " + e.getMessage());
        }
    }

    private static String refusal(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return "answered HTTP " + info.statusCode();
        }
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("application/json") ? null
                : "has content type " + dev.tokenguard.Verification.quote(type) + ", not JSON";
    }
}
