package dev.tokenguard.internal.config;

import dev.tokenguard.config.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The canonical form of a resource URI (RFC 8707 §2, MCP authorization): absolute http(s), lower-case scheme
 * and host, no fragment, no trailing slash. Tokens are checked against exactly this string.
 */
final class CanonicalResource {

    private CanonicalResource() {
    }

    static String of(String key, String value) {
        URI uri = ConfigValues.httpUri(key, value);
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(key, "a resource URI must not contain user information (user@host)");
        }
        if (uri.getRawFragment() != null) {
            throw new ConfigurationException(key, "a resource URI must not have a fragment (#...): \"" + value + "\"");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost().toLowerCase(Locale.ROOT),
                    uri.getPort(), null, null, null).toString() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "not a valid URI: \"" + value + "\"");
        }
    }
}
