package dev.tokenguard.internal.jakarta;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One refusal as the client sees it: status, {@code WWW-Authenticate} value (RFC 6750 §3, with RFC 9728's
 * {@code resource_metadata}) and a small JSON body. Built only by {@link Challenges}; written by the servlet
 * layer ({@link ChallengeWriter}) and the JAX-RS layer alike, so every server answers the same.
 *
 * @param status          400, 401 or 403
 * @param wwwAuthenticate the header value
 * @param error           RFC 6750 error code, or null when the request simply had no token
 * @param description     short reason, never token text
 */
public record Challenge(int status, String wwwAuthenticate, String error, String description) {

    /** The body's media type. */
    public static final String CONTENT_TYPE = "application/json";

    /** The headers every refusal carries, in the order written: the challenge, and no caching of it. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("WWW-Authenticate", wwwAuthenticate);
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    /** {@code {"error": ..., "error_description": ...}}. */
    public String body() {
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (error != null) {
            body.add("error", error);
        }
        return body.add("error_description", description).build().toString();
    }
}
