package dev.tokenguard.jwt;

import dev.tokenguard.PlainValues;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * JSON objects from untrusted text, through jose4j's parser: it refuses duplicate member names
 * (RFC 7515 §4 and RFC 7519 §4 leave them to the implementation; accepting them lets two parsers see two
 * different tokens). Results are plain immutable Java values, nested at most {@link PlainValues#MAX_DEPTH}.
 */
final class JsonObjects {

    private JsonObjects() {
    }

    static Map<String, Object> parse(String json, String what) throws Refusal {
        Map<String, Object> parsed;
        try {
            parsed = JsonUtil.parseJson(json);
        } catch (Exception | StackOverflowError e) {
            // jose4j reports duplicates and syntax errors as JoseException; huge numbers escape as
            // NumberFormatException. None of their messages is logged: they may quote the input.
            String reason = e.getMessage() != null && e.getMessage().contains("already exists")
                    ? "duplicate member name" : "invalid JSON";
            throw Refusal.malformed(what + " is not a JSON object (" + reason + ")");
        }
        if (parsed == null) {
            throw Refusal.malformed(what + " is not a JSON object");
        }
        try {
            return PlainValues.immutableMap(parsed);
        } catch (IllegalArgumentException | StackOverflowError tooDeep) {
            throw Refusal.malformed(what + " is nested too deeply");
        }
    }
}
