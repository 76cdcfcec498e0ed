package dev.tokenguard.internal.jakarta;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Challenge} on a servlet response. Never {@code sendError}: that would hand the body to
 * the server's error page, and each server's looks different.
 */
public final class ChallengeWriter {

    /** Set on the request when TokenGuard refused it; {@link ChallengeFilter} enforces it. */
    static final String REQUEST_ATTRIBUTE = "dev.tokenguard.challenge";

    private ChallengeWriter() {
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, Challenge challenge) {
        request.setAttribute(REQUEST_ATTRIBUTE, challenge);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(challenge.status());
        challenge.headers().forEach(response::setHeader);
        response.setContentType(Challenge.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        byte[] body = challenge.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            // Commit now. Open Liberty parses an "Authorization: Basic" value after the mechanism returns, whatever it
            // returned, and throws (HTTP 500) when it is not base64 of user:password; a committed answer survives it.
            response.flushBuffer();
        } catch (IOException | IllegalStateException clientGone) {
            // The status and headers are what matter; a client that went away needs no body.
        }
    }
}
