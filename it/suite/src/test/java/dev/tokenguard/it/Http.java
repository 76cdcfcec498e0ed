package dev.tokenguard.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A small HTTP client for the black-box tests: one request, the whole answer. HTTP/1.1, as curl and browsers
 * speak to a plain-http server: the JDK client would otherwise try a cleartext HTTP/2 upgrade (h2c), and over
 * h2c Payara Micro resets a request with more than about 5 KB of headers and answers later ones with 431.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Status, the {@code WWW-Authenticate} values and the body of one answer. */
    record Answer(int status, List<String> challenges, String contentType, String body) {
        String challenge() {
            return challenges.size() == 1 ? challenges.get(0) : String.valueOf(challenges);
        }
    }

    private Http() {
    }

    static Answer get(URI uri, String... headers) {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    static Answer delete(URI uri, String... headers) {
        return send(HttpRequest.newBuilder(uri).DELETE(), headers);
    }

    static Answer send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().allValues("WWW-Authenticate"),
                    r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
