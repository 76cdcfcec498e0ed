package dev.tokenguard.jwt;

import dev.tokenguard.internal.BoundedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a JWK Set document: bounded in time (connect timeout, then a read timeout for the whole
 * response) and in size (larger bodies are cut off and refused), JSON content only, HTTP 200 only.
 */
final class JwksFetcher implements KeySetDocuments {

    /** A fetched document and how long the server allows it to be cached (null when it does not say). */
    record Document(String body, Duration maxAge) {
    }

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})");

    private final URI uri;
    private final BoundedHttp http;

    JwksFetcher(URI uri, Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.uri = uri;
        this.http = new BoundedHttp("key set", connectTimeout, readTimeout, maxBytes);
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Duration budget() {
        return http.budget();
    }

    @Override
    public Document fetch() throws IOException {
        BoundedHttp.Response response = http.send(HttpRequest.newBuilder(uri)
                // A JWK Set first; MicroProfile JWT lets the location serve one key in any form (RemoteKeySet.parse).
                .header("Accept", "application/jwk-set+json, application/json, application/jwk+json;q=0.9,"
                        + " application/x-pem-file;q=0.8, text/plain;q=0.5")
                .GET(), JwksFetcher::refusal);
        return new Document(new String(response.body(), StandardCharsets.UTF_8),
                maxAge(response.headers().allValues("Cache-Control")));
    }

    /** HTTP 200, and JSON, PEM or text. */
    private static String refusal(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return "answered HTTP " + info.statusCode();
        }
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !(type.startsWith("application/json") || type.startsWith("application/jwk-set+json")
                || type.matches("application/[a-z0-9.+-]*\\+json.*") || type.startsWith("text/plain")
                || type.startsWith("application/x-pem-file"))) {
            return "has content type " + dev.tokenguard.Verification.quote(type) + ", not JSON, PEM or text";
        }
        return null;
    }

    static Duration maxAge(List<String> cacheControl) {
        for (String value : cacheControl) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.contains("no-store") || v.contains("no-cache")) {
                return Duration.ZERO;
            }
            Matcher m = MAX_AGE.matcher(v);
            if (m.find()) {
                return Duration.ofSeconds(Long.parseLong(m.group(1)));
            }
        }
        return null;
    }
}
