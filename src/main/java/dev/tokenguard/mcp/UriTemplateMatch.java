package dev.tokenguard.mcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a resource URI matches an exact URI or an RFC 6570 template of {@link McpScopes}. Every expression
 * ({@code {id}}, {@code {+path}}, …) matches any text, {@code /} included, so a template matches at least every URI
 * that the MCP SDK's own template matcher gives it (it binds {@code {id}} to one path segment): TokenGuard never
 * asks for fewer scopes than the SDK's reading of the URI would. The literal parts are found leftmost-first, the
 * glob algorithm, which is exact for wildcards that match any text and takes time linear in the URI's length for
 * each literal part: no regular expression, no backtracking.
 */
final class UriTemplateMatch {

    /** The literal text around and between the expressions; null for an exact URI. Split once, when declared. */
    private final String exact;
    private final List<String> parts;

    private UriTemplateMatch(String template) {
        boolean isTemplate = template.indexOf('{') >= 0 || template.indexOf('}') >= 0;
        this.exact = isTemplate ? null : template;
        this.parts = isTemplate ? literals(template) : null;
    }

    /** @throws IllegalArgumentException when braces do not pair up, nest, or enclose nothing */
    static UriTemplateMatch of(String template) {
        return new UriTemplateMatch(template);
    }

    /** @throws IllegalArgumentException when braces do not pair up, nest, or enclose nothing */
    static void check(String template) {
        of(template);
    }

    static boolean matches(String template, String uri) {
        return of(template).matches(uri);
    }

    boolean matches(String uri) {
        if (exact != null) {
            return exact.equals(uri);
        }
        // literal, (expression, literal)*: first and last may be empty
        String first = parts.get(0);
        String last = parts.get(parts.size() - 1);
        if (uri.length() < first.length() + last.length() || !uri.startsWith(first) || !uri.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int until = uri.length() - last.length();
        for (int i = 1; i < parts.size() - 1; i++) {
            int at = uri.indexOf(parts.get(i), from);
            if (at < 0 || at + parts.get(i).length() > until) {
                return false;
            }
            from = at + parts.get(i).length();
        }
        return true;
    }

    /** The literal text around and between the expressions. */
    private static List<String> literals(String template) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (true) {
            int open = template.indexOf('{', start);
            int close = template.indexOf('}', start);
            if (open < 0) {
                if (close >= 0) {
                    throw new IllegalArgumentException("unpaired } in resource template \"" + template + "\"");
                }
                parts.add(template.substring(start));
                return parts;
            }
            int end = template.indexOf('}', open);
            if (close >= 0 && close < open || end < 0 || end == open + 1
                    || template.indexOf('{', open + 1) >= 0 && template.indexOf('{', open + 1) < end) {
                throw new IllegalArgumentException("braces of resource template \"" + template
                        + "\" must pair up around an expression, without nesting");
            }
            parts.add(template.substring(start, open));
            start = end + 1;
        }
    }
}
