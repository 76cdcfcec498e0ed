package dev.tokenguard.jakarta;

import jakarta.servlet.http.HttpServletRequest;

/** The {@link TokenPrincipal} that {@link BearerTokenMechanism} put on the current request, if any. */
final class CurrentCaller {

    private CurrentCaller() {
    }

    static TokenPrincipal principal(HttpServletRequest request) {
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
