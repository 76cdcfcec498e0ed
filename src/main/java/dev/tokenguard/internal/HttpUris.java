package dev.tokenguard.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one check of an http(s) URL that TokenGuard fetches from or announces: absolute, http or https, a host. */
public final class HttpUris {

    private HttpUris() {
    }

    /**
     * {@code text} as an absolute http(s) URI with a host.
     *
     * @throws IllegalArgumentException when it is not one; the message does not repeat the text
     */
    public static URI absolute(String text) {
        try {
            URI uri = new URI(text == null ? "" : text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("not an absolute http(s) URL such as https://idp.example.com/path");
    }

    /** Whether {@code uri}'s host is this machine by name or loopback address ({@code 127.0.0.1.evil.test} is not). */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }
}
