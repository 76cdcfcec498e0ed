package dev.tokenguard.internal.config;

import dev.tokenguard.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Reads the text at a configured location, as MicroProfile JWT's {@code mp.jwt.verify.publickey.location}
 * does: {@code classpath:path}, {@code file:path}, or a plain path tried on the application's class path
 * first and the file system second. An http(s) location of {@code mp.jwt.verify.publickey.location} is a key-set URL,
 * fetched and refreshed by the verifier; other http(s) locations (the decryption key) are {@linkplain #fetch fetched}
 * once, here.
 */
final class TextLocation {

    private static final int MAX_BYTES = 1024 * 1024;
    /** For connecting, and for the response's headers; the whole answer gets twice this. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private TextLocation() {
    }

    static boolean isHttp(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("https://") || l.startsWith("http://");
    }

    static String read(String key, String location) {
        try {
            if (location.startsWith("classpath:")) {
                String text = fromClasspath(location.substring("classpath:".length()));
                if (text == null) {
                    throw new ConfigurationException(key, "no class-path resource \"" + location + "\"");
                }
                return text;
            }
            if (location.startsWith("file:")) {
                return fromFile(Path.of(java.net.URI.create(location)));
            }
            String text = fromClasspath(location);
            return text != null ? text : fromFile(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(key, "nothing at \"" + location + "\" (tried the class path and the"
                    + " file system; use classpath:..., file:... or an http(s) URL)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(key, "cannot read \"" + location + "\": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The text at an http(s) URL, read once at deployment: HTTP 200 only, within twice {@link #FETCH_TIMEOUT}, at most
     * {@link #MAX_BYTES}. Plain http is allowed, as MicroProfile JWT allows it, with a warning: whoever is on the path
     * reads what is sent.
     */
    static String fetch(String key, String location) {
        URI uri = ConfigValues.httpUri(key, location);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            LOG.warning("TokenGuard: " + key + " is read over plain http from " + uri.getHost() + ": anyone on the"
                    + " network path can read it. Use https, or a file only the application can read.");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build();
        CompletableFuture<byte[]> body = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    try (InputStream in = response.body()) {
                        if (response.statusCode() != 200) {
                            throw new ConfigurationException(key, "\"" + location + "\" answered HTTP "
                                    + response.statusCode());
                        }
                        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                        if (bytes.length > MAX_BYTES) {
                            throw new ConfigurationException(key, "\"" + location + "\" is larger than " + MAX_BYTES
                                    + " bytes");
                        }
                        return bytes;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        try {
            // The request timeout covers the headers only; this bounds the body too.
            return new String(body.get(2 * FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigurationException refused) {
                throw refused;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new ConfigurationException(key, "cannot read \"" + location + "\": "
                    + root.getClass().getSimpleName());
        } catch (TimeoutException e) {
            body.cancel(true);
            throw new ConfigurationException(key, "\"" + location + "\" gave no complete answer within "
                    + 2 * FETCH_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException(key, "interrupted while reading \"" + location + "\"");
        }
    }

    private static String fromClasspath(String path) throws IOException {
        String resource = path.startsWith("/") ? path.substring(1) : path;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TextLocation.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String fromFile(Path path) throws IOException {
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
