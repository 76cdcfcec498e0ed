package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.config.TokenLocation;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Finds the token of a request where the configuration says it is: {@code Authorization: Bearer …} (scheme
 * case-insensitive, nothing else in the field), a named cookie, or a named header. Never the query string or a form body
 * (RFC 6750 §2.2 and §2.3 are deliberately not supported: those leak into logs and histories).
 */
final class TokenExtractor {

    /**
     * What a request carries: nothing, exactly one token, something to refuse with 400, or the credential of another
     * scheme (Basic, Digest, …), which a bearer-only resource server answers like no token at all: 401 with the
     * Bearer challenge (RFC 6750 §3.1; the MP-JWT TCK's {@code callEchoBASIC}).
     */
    record Found(String token, String problem, boolean otherScheme) {
        static final Found NONE = new Found(null, null, false);
        static final Found OTHER_SCHEME = new Found(null, null, true);

        Found(String token, String problem) {
            this(token, problem, false);
        }

        boolean none() {
            return token == null && problem == null && !otherScheme;
        }
    }

    private TokenExtractor() {
    }

    static Found find(HttpServletRequest request, TokenLocation location) {
        if (location.isAuthorizationHeader()) {
            return authorization(Collections.list(request.getHeaders(location.header())));
        }
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
                tokens.add(stripBearer(value));
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
            // An empty cookie (what a logout leaves behind) or header value carries no token (MP-JWT TCK: 401).
            return Found.NONE;
        }
        return new Found(token, null);
    }

    /**
     * RFC 6750 §2.1 and RFC 9110 §11.4: one {@code Authorization} field holding exactly one credential,
     * {@code Bearer}, one or more spaces, a token68. Anything else — a second credential after a comma, a second
     * field, characters outside token68 — is refused, not searched for a token: a server that reads such a request
     * differently from a proxy in front of it would let the two disagree on who is calling. A field that is not a
     * Bearer credential at all is another scheme's: {@link Found#OTHER_SCHEME}.
     */
    private static Found authorization(List<String> values) {
        if (values.isEmpty()) {
            return Found.NONE;
        }
        if (values.size() > 1) {
            return new Found(null, "the request carries more than one Authorization header");
        }
        String value = values.get(0);
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(value.charAt(end - 1))) {
            end--;
        }
        if (end - start < 6 || !value.regionMatches(true, start, "Bearer", 0, 6)) {
            return Found.OTHER_SCHEME;
        }
        int token = start + 6;
        if (token == end) {
            return new Found(null, "the bearer token is empty");
        }
        if (value.charAt(token) != ' ') {
            // "Bearerfoo …" names another scheme (RFC 9110 §11.1: a scheme is a token); "Bearer\t…" or a control
            // char after "Bearer" is a Bearer credential written wrongly.
            return isTchar(value.charAt(token)) ? Found.OTHER_SCHEME
                    : new Found(null, "the Authorization header must hold one Bearer token and nothing else");
        }
        while (token < end && value.charAt(token) == ' ') {
            token++;
        }
        if (!isToken68(value, token, end)) {
            return new Found(null, "the Authorization header must hold one Bearer token and nothing else");
        }
        return new Found(value.substring(token, end), null);
    }

    /** RFC 9110 §11.2: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static boolean isToken68(String s, int from, int to) {
        int i = from;
        while (i < to && isToken68Char(s.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < to && s.charAt(i) == '=') {
            i++;
        }
        return i == to;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /** RFC 9110 §5.6.2: the chars of a token, such as an auth-scheme. */
    private static boolean isTchar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String stripBearer(String value) {
        String v = value.strip();
        return v.length() > 7 && v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ") ? v.substring(7) : v;
    }
}
