package dev.tokenguard.internal.jakarta;

import dev.tokenguard.jakarta.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;

/** The {@link TokenPrincipal} that {@link BearerTokenMechanism} put on the current request, if any. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static TokenPrincipal principal(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        try {
            return request.getAttribute(BearerTokenMechanism.PRINCIPAL_ATTRIBUTE) instanceof TokenPrincipal p ? p : null;
        } catch (RuntimeException noActiveRequest) {
            // A CDI request proxy outside a request (a background thread) throws; there is no caller then.
            return null;
        }
    }
}
