package dev.tokenguard.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBytes;
    private volatile HttpClient client;

    JwksFetcher(URI uri, Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.uri = uri;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Duration budget() {
        return connectTimeout.plus(readTimeout);
    }

    @Override
    public Document fetch() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                // A JWK Set first; MicroProfile JWT lets the location serve one key in any form (RemoteKeySet.parse).
                .header("Accept", "application/jwk-set+json, application/json, application/jwk+json;q=0.9,"
                        + " application/x-pem-file;q=0.8, text/plain;q=0.5")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, this::bodyHandler);
        HttpResponse<byte[]> response;
        try {
            response = future.get(budget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("key set gave no complete response within " + budget().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(failureMessage(e.getCause()));
        }
        return new Document(new String(response.body(), StandardCharsets.UTF_8),
                maxAge(response.headers().allValues("Cache-Control")));
    }

    private HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return failed("key set answered HTTP " + info.statusCode());
        }
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !(type.startsWith("application/json") || type.startsWith("application/jwk-set+json")
                || type.matches("application/[a-z0-9.+-]*\\+json.*") || type.startsWith("text/plain")
                || type.startsWith("application/x-pem-file"))) {
            return failed("key set has content type " + dev.tokenguard.Verification.quote(type)
                    + ", not JSON, PEM or text");
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            return failed("key set is " + declared + " bytes, over the limit of " + maxBytes);
        }
        return new BoundedBody(maxBytes, readTimeout);
    }

    private static HttpResponse.BodySubscriber<byte[]> failed(String message) {
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.discarding(), ignored -> {
            throw new KeySetRefused(message);
        });
    }

    /**
     * A reason of ours to refuse a response (status, type, size, time), with a message fit for a log line; carried
     * out of the HTTP client's futures and unwrapped by type in {@link #fetch}.
     */
    private static final class KeySetRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeySetRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** Our own refusals pass through; other failures are reduced to their type, which is enough. */
    private static String failureMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KeySetRefused refused) {
                return refused.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "request failed: " + root.getClass().getSimpleName();
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

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * Collects at most {@code max} bytes within {@code timeout} of the headers; more, or slower, cancels the
     * download and fails it. (The request timeout only covers the wait for the headers.)
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final Duration timeout;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        BoundedBody(int max, Duration timeout) {
            this.max = max;
            this.timeout = timeout;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (result.completeExceptionally(new KeySetRefused("key set body not complete within "
                        + timeout.toMillis() + " ms"))) {
                    s.cancel();
                }
            });
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            synchronized (buffer) {
                for (ByteBuffer b : items) {
                    if (buffer.size() + b.remaining() > max) {
                        subscription.cancel();
                        result.completeExceptionally(new KeySetRefused("key set is larger than " + max + " bytes"));
                        return;
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    buffer.writeBytes(chunk);
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            synchronized (buffer) {
                result.complete(buffer.toByteArray());
            }
        }
    }
}
