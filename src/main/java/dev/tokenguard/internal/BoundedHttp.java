package dev.tokenguard.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One HTTP exchange with a server TokenGuard depends on (a key set, an introspection endpoint), bounded in time (a
 * connect timeout, then a read timeout for the whole response: a server that trickles bytes is cut off) and in
 * size (a declared or actual body beyond the limit is refused and the download cancelled). Every failure is an
 * {@link IOException} whose message is fit for a log line: ours name the limit, others only the exception's type.
 */
public final class BoundedHttp {

    /** An answer that passed the checks. */
    public record Response(int status, byte[] body, HttpHeaders headers) {
    }

    private final String what;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBytes;
    private volatile HttpClient client;

    /** @param what what is fetched, for messages ("key set", "introspection") */
    public BoundedHttp(String what, Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.what = what;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    /** The longest one exchange can take. */
    public Duration budget() {
        return connectTimeout.plus(readTimeout);
    }

    /**
     * Sends {@code request} (its timeout is set here) and reads the answer, which {@code refusal} may refuse from its
     * status and headers before a byte of the body is read (it returns the reason, or null to accept).
     */
    public Response send(HttpRequest.Builder request, Function<HttpResponse.ResponseInfo, String> refusal)
            throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request.timeout(readTimeout).build(),
                info -> {
                    String refused = refusal.apply(info);
                    if (refused != null) {
                        return failed(what + " " + refused);
                    }
                    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (declared > maxBytes) {
                        return failed(what + " is " + declared + " bytes, over the limit of " + maxBytes);
                    }
                    return new BoundedBody(what, maxBytes, readTimeout);
                });
        HttpResponse<byte[]> response;
        try {
            response = future.get(budget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(what + " gave no complete response within " + budget().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(failureMessage(e.getCause()));
        }
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    private static HttpResponse.BodySubscriber<byte[]> failed(String message) {
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.discarding(), ignored -> {
            throw new Refused(message);
        });
    }

    /**
     * A reason of ours to refuse a response (status, type, size, time), with a message fit for a log line; carried
     * out of the HTTP client's futures and unwrapped by type in {@link #send}.
     */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Our own refusals pass through; other failures are reduced to their type, which is enough. */
    private static String failureMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Refused refused) {
                return refused.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "request failed: " + root.getClass().getSimpleName();
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
        private final String what;
        private final int max;
        private final Duration timeout;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        BoundedBody(String what, int max, Duration timeout) {
            this.what = what;
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
                if (result.completeExceptionally(new Refused(what + " body not complete within "
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
                        result.completeExceptionally(new Refused(what + " is larger than " + max + " bytes"));
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
