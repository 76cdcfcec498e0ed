package dev.tokenguard.internal;

import dev.tokenguard.Verification;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one scope parser of TokenGuard, for every place a scope is read: a JWT's {@code scope}/{@code scp}, a
 * static token's {@code scopes}, required scopes, configuration, challenges.
 *
 * <p>RFC 6749 §3.3: a scope is a list of scope-tokens, each {@code 1*( %x21 / %x23-5B / %x5D-7E )} (printable
 * ASCII without space, quote and backslash), written in one string separated by spaces. A string is split on
 * spaces only (runs of them and spaces at either end are harmless: they cannot make one scope out of another).
 * Anything else is refused, never repaired: no trimming of list entries, no other whitespace as a separator, no
 * Unicode normalisation, so {@code "admin\u2003"} or {@code "read\tadmin"} can never satisfy {@code admin}.
 */
public final class Scopes {

    private Scopes() {
    }

    /** True when {@code s} is one RFC 6749 scope-token. */
    public static boolean isScopeToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * The scopes of a value: a space-separated string or a list of strings, each entry a scope-token; in order,
     * without duplicates. {@code null} is no scopes.
     *
     * @throws IllegalArgumentException when the value is of another type or holds something that is not a
     *                                  scope-token; the message never quotes the value
     */
    public static List<String> parse(Object value) {
        if (value == null) {
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (value instanceof String s) {
            int start = -1;
            for (int i = 0; i <= s.length(); i++) {
                boolean space = i == s.length() || s.charAt(i) == ' ';
                if (space && start >= 0) {
                    scopes.add(requireToken(s.substring(start, i)));
                    start = -1;
                } else if (!space && start < 0) {
                    start = i;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("holds an entry that is not a string");
                }
                scopes.add(requireToken(s));
            }
        } else {
            throw new IllegalArgumentException("is neither a string nor a list of strings");
        }
        return List.copyOf(scopes);
    }

    /**
     * Scope names given by an application or its configuration, checked the same way.
     *
     * @throws IllegalArgumentException naming the first bad entry (configuration is not secret)
     */
    public static List<String> names(Collection<String> names) {
        Set<String> clean = new LinkedHashSet<>();
        for (String s : names == null ? List.<String>of() : names) {
            if (!isScopeToken(s)) {
                throw new IllegalArgumentException("scope " + Verification.quote(s) + " is not a scope name: use"
                        + " printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3)");
            }
            clean.add(s);
        }
        return List.copyOf(clean);
    }

    private static String requireToken(String s) {
        if (!isScopeToken(s)) {
            throw new IllegalArgumentException("holds a scope that is not an RFC 6749 scope-token");
        }
        return s;
    }
}
