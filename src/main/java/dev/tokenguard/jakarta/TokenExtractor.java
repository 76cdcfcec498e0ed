package dev.tokenguard.jakarta;

import dev.tokenguard.config.TokenLocation;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Finds the token of a request where the configuration says it is: {@code Authorization: Bearer …} (scheme
 * case-insensitive), a named cookie, or a named header. Never the query string or a form body
 * (RFC 6750 §2.2 and §2.3 are deliberately not supported: those leak into logs and histories).
 */
final class TokenExtractor {

    /** What a request carries: nothing, exactly one token, or something to refuse with 400. */
    record Found(String token, String problem) {
        static final Found NONE = new Found(null, null);

        boolean none() {
            return token == null && problem == null;
        }
    }

    private TokenExtractor() {
    }

    static Found find(HttpServletRequest request, TokenLocation location) {
        List<String> tokens = new ArrayList<>();
        if (location.isCookie()) {
            Cookie[] cookies = request.getCookies();
            for (Cookie c : cookies == null ? new Cookie[0] : cookies) {
                if (location.cookie().equals(c.getName())) {
                    tokens.add(c.getValue());
                }
            }
        } else {
            for (String value : Collections.list(request.getHeaders(location.header()))) {
                if (location.isAuthorizationHeader()) {
                    bearerTokens(value, tokens);
                } else {
                    tokens.add(stripBearer(value));
                }
            }
        }
        if (tokens.isEmpty()) {
            return Found.NONE;
        }
        if (tokens.size() > 1) {
            return new Found(null, "the request carries more than one token");
        }
        String token = tokens.get(0).strip();
        if (token.isEmpty()) {
            return new Found(null, "the bearer token is empty");
        }
        return new Found(token, null);
    }

    /** Bearer credentials in one Authorization value; a proxy may have joined two headers with a comma. */
    private static void bearerTokens(String value, List<String> tokens) {
        for (String part : value.split(",")) {
            String p = part.strip();
            if (p.length() >= 6 && p.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")
                    && (p.length() == 6 || Character.isWhitespace(p.charAt(6)))) {
                tokens.add(p.substring(6));
            }
        }
    }

    private static String stripBearer(String value) {
        String v = value.strip();
        return v.length() > 7 && v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ") ? v.substring(7) : v;
    }
}
